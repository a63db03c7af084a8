/* _nutgraf.c - the CPython extension under the nutgraf package: a thin skin
 * over include/nutgraf.h.  It adds no logic of its own: it turns Python
 * arguments into the library's options, releases the GIL around every call
 * into the library, and turns statuses into nutgraf.Error.  The friendly
 * API (keyword arguments, dicts) is in nutgraf/__init__.py.
 *
 * A Doc wraps one ng_doc.  Calls that change a document (summarize,
 * analyze) and calls that read it take the Doc's own lock, always with the
 * GIL released, so that threads sharing a Doc neither race nor deadlock;
 * different Docs never wait on each other.
 *
 * An Archive wraps one ng_archive.  The library allows one thread at a
 * time per handle, so every call takes the Archive's lock, again with the
 * GIL released; threads that want to query in parallel open one Archive
 * each. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

static PyObject *NgError; /* nutgraf.Error */

/* Raises nutgraf.Error(message) with .status (int), .status_name, .line. */
static PyObject *raise_error(const ng_error *e, ng_status st)
{
    PyObject *exc = PyObject_CallFunction(NgError, "s", e->message[0] ? e->message : ng_status_name(st));
    if (!exc) return NULL;
    PyObject *code = PyLong_FromLong((long)st), *name = PyUnicode_FromString(ng_status_name(st)),
             *line = PyLong_FromSize_t(e->line), *msg = PyUnicode_FromString(e->message);
    if (code && name && line && msg) {
        PyObject_SetAttrString(exc, "status", code);
        PyObject_SetAttrString(exc, "status_name", name);
        PyObject_SetAttrString(exc, "line", line);
        PyObject_SetAttrString(exc, "message", msg);
        PyErr_SetObject(NgError, exc);
    }
    Py_XDECREF(code);
    Py_XDECREF(name);
    Py_XDECREF(line);
    Py_XDECREF(msg);
    Py_DECREF(exc);
    return NULL;
}

static PyObject *arg_error(const char *msg)
{
    ng_error e = {NG_E_ARG, 0, ""};
    snprintf(e.message, sizeof e.message, "%s", msg);
    return raise_error(&e, NG_E_ARG);
}

static PyObject *str_of(ng_str s)
{
    if (!s.ptr) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s.ptr, (Py_ssize_t)s.len, "replace");
}

/* The bytes of a str (UTF-8) or a bytes-like object; *view is released by
 * the caller with PyBuffer_Release when view->obj is set. */
static int input_bytes(PyObject *o, const char **p, size_t *len, Py_buffer *view)
{
    memset(view, 0, sizeof *view);
    if (PyUnicode_Check(o)) {
        Py_ssize_t n;
        *p = PyUnicode_AsUTF8AndSize(o, &n);
        if (!*p) return -1;
        *len = (size_t)n;
        return 0;
    }
    if (PyObject_GetBuffer(o, view, PyBUF_SIMPLE)) {
        PyErr_SetString(PyExc_TypeError, "expected str or bytes");
        return -1;
    }
    *p = view->buf;
    *len = (size_t)view->len;
    return 0;
}

/* ------------------------------------------------------------ options */

static int read_options(const char *format, Py_ssize_t max_bytes, ng_read_options *ro)
{
    ng_read_options_init(ro);
    if (format && ng_format_from_name(format, &ro->format) != NG_OK) {
        arg_error("format must be auto, text, html, story or json");
        return -1;
    }
    if (max_bytes < 0) {
        arg_error("max_bytes must be positive");
        return -1;
    }
    if (max_bytes > 0) ro->max_bytes = (size_t)max_bytes;
    return 0;
}

/* method: NULL for the default; trim: a rule list, or NULL for the
 * method's default ("all" for learned, "none" otherwise). */
static int summary_options(const char *method, int k, int words, const char *trim, ng_summary_options *so)
{
    ng_summary_options_init(so);
    if (method && ng_method_from_name(method, &so->method) != NG_OK) {
        arg_error("method must be learned, lead or textrank");
        return -1;
    }
    if (k < 0 || k > 100 || words < 0 || words > 100000) {
        arg_error("k must be 0 to 100 and words 0 to 100000");
        return -1;
    }
    so->k = k;
    so->max_words = words;
    so->names = NG_NAMES_ANALYZE; /* as nutgraf summarize: a leading pronoun named */
    if (trim) {
        if (ng_trim_rules_parse(trim, &so->trim) != NG_OK) {
            arg_error("trim must be all, default, none or a comma list of dateline, conjunction, attribution, "
                      "parentheses, relative, appositive");
            return -1;
        }
    } else {
        so->trim = so->method == NG_METHOD_LEARNED ? NG_TRIM_DEFAULT : 0;
    }
    if (so->method == NG_METHOD_LEARNED && !ng_model_default()) {
        ng_error e = {NG_E_MODEL, 0, "no built-in model: this library was built without one"};
        raise_error(&e, NG_E_MODEL);
        return -1;
    }
    return 0;
}

static int analyze_options(int max_tags, int ner_passes, ng_analyze_options *ao)
{
    ng_analyze_options_init(ao);
    if (max_tags < 0 || max_tags > 100 || ner_passes < 0 || ner_passes > 2) {
        arg_error("max_tags must be 1 to 100 and ner_passes 1 or 2");
        return -1;
    }
    if (max_tags) ao->max_tags = (size_t)max_tags;
    if (ner_passes) ao->ner_passes = ner_passes;
    return 0;
}

/* The i-th string of one kind of a document's strings (arg: which list). */
typedef ng_str (*doc_str_fn)(const ng_doc *doc, int arg, size_t i);

static ng_str list_item(const ng_doc *doc, int arg, size_t i) { return ng_doc_list_item(doc, (ng_list)arg, i); }

static ng_str highlight_text(const ng_doc *doc, int arg, size_t i)
{
    (void)arg;
    return ng_doc_highlight(doc, i).text;
}

static ng_str sentence_text(const ng_doc *doc, int arg, size_t i)
{
    (void)arg;
    ng_sentence s = ng_doc_sentence(doc, i);
    return (ng_str){ng_doc_body(doc).ptr + s.start, s.end - s.start};
}

/* A new list of n Python strs made by get; NULL with an exception. */
static PyObject *str_list(const ng_doc *doc, size_t n, doc_str_fn get, int arg)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *s = str_of(get(doc, arg, i));
        if (!s) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, s);
    }
    return list;
}

static PyObject *highlights_of(const ng_doc *doc)
{
    return str_list(doc, ng_doc_highlight_count(doc), highlight_text, 0);
}

static PyObject *json_of(const ng_doc *doc)
{
    char *out = NULL;
    size_t len = 0;
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_doc_to_json(doc, &out, &len, &err);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) return raise_error(&err, st);
    PyObject *s = PyUnicode_DecodeUTF8(out, (Py_ssize_t)len, "replace");
    free(out);
    return s;
}

/* ---------------------------------------------------------------- Doc */

typedef struct {
    PyObject_HEAD
    ng_doc *doc;
    PyThread_type_lock lock;
} DocObject;

static PyTypeObject DocType;

static void doc_lock(DocObject *d)
{
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(d->lock, WAIT_LOCK);
    Py_END_ALLOW_THREADS
}

static void doc_unlock(DocObject *d) { PyThread_release_lock(d->lock); }

static void doc_dealloc(DocObject *d)
{
    ng_doc_free(d->doc);
    if (d->lock) PyThread_free_lock(d->lock);
    Py_TYPE(d)->tp_free((PyObject *)d);
}

static PyObject *doc_field(DocObject *d, PyObject *arg)
{
    long f = PyLong_AsLong(arg);
    if (f == -1 && PyErr_Occurred()) return NULL;
    if (f < NG_FIELD_ID || f > NG_FIELD_LANGUAGE) return arg_error("no such field");
    doc_lock(d);
    PyObject *r = str_of(ng_doc_field(d->doc, (ng_field)f));
    doc_unlock(d);
    return r;
}

static PyObject *doc_list(DocObject *d, PyObject *arg)
{
    long l = PyLong_AsLong(arg);
    if (l == -1 && PyErr_Occurred()) return NULL;
    if (l < 0 || l >= NG_LIST_COUNT_) return arg_error("no such list");
    doc_lock(d);
    PyObject *list = str_list(d->doc, ng_doc_list_count(d->doc, (ng_list)l), list_item, (int)l);
    doc_unlock(d);
    return list;
}

/* Runs a reader of the document under its lock. */
static PyObject *locked(DocObject *d, PyObject *(*read)(const ng_doc *doc))
{
    doc_lock(d);
    PyObject *r = read(d->doc);
    doc_unlock(d);
    return r;
}

static PyObject *body_of(const ng_doc *doc) { return str_of(ng_doc_body(doc)); }

static PyObject *sentences_of(const ng_doc *doc)
{
    return str_list(doc, ng_doc_sentence_count(doc), sentence_text, 0);
}

static PyObject *doc_body(DocObject *d, PyObject *unused)
{
    (void)unused;
    return locked(d, body_of);
}

static PyObject *doc_sentences(DocObject *d, PyObject *unused)
{
    (void)unused;
    return locked(d, sentences_of);
}

static PyObject *doc_highlights(DocObject *d, PyObject *unused)
{
    (void)unused;
    return locked(d, highlights_of);
}

static PyObject *doc_summarize(DocObject *d, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"method", "k", "words", "trim", NULL};
    const char *method = NULL, *trim = NULL;
    int k = 0, words = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ziiz", kwlist, &method, &k, &words, &trim)) return NULL;
    ng_summary_options so;
    if (summary_options(method, k, words, trim, &so)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(d->lock, WAIT_LOCK);
    st = ng_summarize(d->doc, &so, &err);
    Py_END_ALLOW_THREADS
    PyObject *r = st == NG_OK ? highlights_of(d->doc) : raise_error(&err, st);
    doc_unlock(d);
    return r;
}

static PyObject *doc_analyze(DocObject *d, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"max_tags", "ner_passes", NULL};
    int max_tags = 0, passes = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ii", kwlist, &max_tags, &passes)) return NULL;
    ng_analyze_options ao;
    if (analyze_options(max_tags, passes, &ao)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(d->lock, WAIT_LOCK);
    st = ng_analyze(d->doc, &ao, &err);
    Py_END_ALLOW_THREADS
    doc_unlock(d);
    if (st != NG_OK) return raise_error(&err, st);
    Py_RETURN_NONE;
}

static PyObject *doc_to_json(DocObject *d, PyObject *unused)
{
    (void)unused;
    return locked(d, json_of);
}

static PyMethodDef doc_methods[] = {
    {"field", (PyCFunction)doc_field, METH_O, "field(n) -> str | None: one NG_FIELD_* part."},
    {"list", (PyCFunction)doc_list, METH_O, "list(n) -> list[str]: one NG_LIST_* list."},
    {"body", (PyCFunction)doc_body, METH_NOARGS, "body() -> str: the body text."},
    {"sentences", (PyCFunction)doc_sentences, METH_NOARGS, "sentences() -> list[str]."},
    {"highlights", (PyCFunction)doc_highlights, METH_NOARGS, "highlights() -> list[str]: the last summary."},
    {"summarize", (PyCFunction)(void (*)(void))doc_summarize, METH_VARARGS | METH_KEYWORDS,
     "summarize(method=None, k=0, words=0, trim=None) -> list[str]."},
    {"analyze", (PyCFunction)(void (*)(void))doc_analyze, METH_VARARGS | METH_KEYWORDS,
     "analyze(max_tags=0, ner_passes=0) -> None: finds quotes, entities and tags."},
    {"to_json", (PyCFunction)doc_to_json, METH_NOARGS, "to_json() -> str: the document as one JSON line."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject DocType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nutgraf._nutgraf.Doc",
    .tp_basicsize = sizeof(DocObject),
    .tp_dealloc = (destructor)doc_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One article read by libnutgraf (made by _nutgraf.read).",
    .tp_methods = doc_methods,
};

/* Reads data into a new document with the GIL released.  Returns the
 * status; *out is NULL on error. */
static ng_status read_doc(PyObject *data, const ng_read_options *ro, ng_doc **out, ng_error *err, int *py_failed)
{
    const char *p;
    size_t len;
    Py_buffer view;
    *out = NULL;
    *py_failed = 0;
    if (input_bytes(data, &p, &len, &view)) {
        *py_failed = 1;
        return NG_E_ARG;
    }
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_doc_read(p, len, ro, out, err);
    Py_END_ALLOW_THREADS
    if (view.obj) PyBuffer_Release(&view);
    return st;
}

static PyObject *py_read(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"data", "format", "max_bytes", NULL};
    PyObject *data;
    const char *format = NULL;
    Py_ssize_t max_bytes = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|zn", kwlist, &data, &format, &max_bytes)) return NULL;
    ng_read_options ro;
    if (read_options(format, max_bytes, &ro)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_doc *doc;
    int py_failed;
    ng_status st = read_doc(data, &ro, &doc, &err, &py_failed);
    if (py_failed) return NULL;
    if (st != NG_OK) return raise_error(&err, st);
    DocObject *d = PyObject_New(DocObject, &DocType);
    if (!d) {
        ng_doc_free(doc);
        return NULL;
    }
    d->doc = doc;
    d->lock = PyThread_allocate_lock();
    if (!d->lock) {
        Py_DECREF(d);
        return PyErr_NoMemory();
    }
    return (PyObject *)d;
}

/* summarize(data, format, max_bytes, method, k, words, trim): reading and
 * summarizing in one release of the GIL. */
static PyObject *py_summarize(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"data", "format", "max_bytes", "method", "k", "words", "trim", NULL};
    PyObject *data;
    const char *format = NULL, *method = NULL, *trim = NULL;
    Py_ssize_t max_bytes = 0;
    int k = 0, words = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|znziiz", kwlist, &data, &format, &max_bytes, &method, &k,
                                     &words, &trim))
        return NULL;
    ng_read_options ro;
    ng_summary_options so;
    if (read_options(format, max_bytes, &ro) || summary_options(method, k, words, trim, &so)) return NULL;
    const char *p;
    size_t len;
    Py_buffer view;
    if (input_bytes(data, &p, &len, &view)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_doc *doc = NULL;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_doc_read(p, len, &ro, &doc, &err);
    if (st == NG_OK) st = ng_summarize(doc, &so, &err);
    Py_END_ALLOW_THREADS
    if (view.obj) PyBuffer_Release(&view);
    PyObject *r = st == NG_OK ? highlights_of(doc) : raise_error(&err, st);
    ng_doc_free(doc);
    return r;
}

/* analyze(data, format, max_bytes, max_tags, ner_passes) -> the document's
 * JSON with quotes, entities and tags; one release of the GIL. */
static PyObject *py_analyze(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"data", "format", "max_bytes", "max_tags", "ner_passes", NULL};
    PyObject *data;
    const char *format = NULL;
    Py_ssize_t max_bytes = 0;
    int max_tags = 0, passes = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|znii", kwlist, &data, &format, &max_bytes, &max_tags, &passes))
        return NULL;
    ng_read_options ro;
    ng_analyze_options ao;
    if (read_options(format, max_bytes, &ro) || analyze_options(max_tags, passes, &ao)) return NULL;
    const char *p;
    size_t len;
    Py_buffer view;
    if (input_bytes(data, &p, &len, &view)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_doc *doc = NULL;
    char *out = NULL;
    size_t olen = 0;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_doc_read(p, len, &ro, &doc, &err);
    if (st == NG_OK) st = ng_analyze(doc, &ao, &err);
    if (st == NG_OK) st = ng_doc_to_json(doc, &out, &olen, &err);
    ng_doc_free(doc);
    Py_END_ALLOW_THREADS
    if (view.obj) PyBuffer_Release(&view);
    if (st != NG_OK) return raise_error(&err, st);
    PyObject *r = PyUnicode_DecodeUTF8(out, (Py_ssize_t)olen, "replace");
    free(out);
    return r;
}

/* ---------------------------------------------------------------- ROUGE */

/* A list of str as a summary; the strs' UTF-8 stays owned by them. */
static int summary_of(PyObject *seq, ng_rouge_summary *s, ng_str **store)
{
    PyObject *fast = PySequence_Fast(seq, "a summary must be a list of sentences");
    if (!fast) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    *store = calloc(n ? (size_t)n : 1, sizeof **store);
    if (!*store) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *o = PySequence_Fast_GET_ITEM(fast, i);
        Py_ssize_t len;
        const char *p = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &len) : NULL;
        if (!p) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "a sentence must be a str");
            Py_DECREF(fast);
            return -1;
        }
        (*store)[i] = (ng_str){p, (size_t)len};
    }
    s->sentences = *store;
    s->count = (size_t)n;
    Py_DECREF(fast); /* the items stay alive in seq */
    return 0;
}

/* rouge(system, references, impl, n, lcs, stem, stopwords) -> list of
 * (metric, r, p, f). */
static PyObject *py_rouge(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"system", "references", "impl", "n", "lcs", "stem", "stopwords", NULL};
    PyObject *sys, *refs;
    const char *impl = "rouge155";
    int n = 2, lcs = 1, stem = 1, stopwords = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|sippp", kwlist, &sys, &refs, &impl, &n, &lcs, &stem,
                                     &stopwords))
        return NULL;
    ng_rouge_options ro;
    ng_rouge_options_init(&ro);
    if (!strcmp(impl, "rouge-score")) ro.impl = NG_ROUGE_SCORE;
    else if (strcmp(impl, "rouge155")) return arg_error("impl must be rouge155 or rouge-score");
    ro.max_n = n;
    ro.no_lcs = !lcs;
    ro.stem = stem;
    ro.stopwords = stopwords;
    PyObject *rfast = PySequence_Fast(refs, "references must be a list of summaries");
    if (!rfast) return NULL;
    size_t nrefs = (size_t)PySequence_Fast_GET_SIZE(rfast);
    ng_rouge_summary s, *r = calloc(nrefs ? nrefs : 1, sizeof *r);
    ng_str *sstore = NULL, **rstore = calloc(nrefs ? nrefs : 1, sizeof *rstore);
    PyObject *result = NULL;
    ng_rouge *rouge = NULL;
    if (!r || !rstore) {
        PyErr_NoMemory();
        goto done;
    }
    if (nrefs == 0) {
        arg_error("at least one reference is needed");
        goto done;
    }
    if (summary_of(sys, &s, &sstore)) goto done;
    for (size_t i = 0; i < nrefs; i++)
        if (summary_of(PySequence_Fast_GET_ITEM(rfast, (Py_ssize_t)i), &r[i], &rstore[i])) goto done;
    ng_error err = {NG_OK, 0, ""};
    ng_status st = ng_rouge_new(&ro, &rouge, &err);
    if (st != NG_OK) {
        raise_error(&err, st);
        goto done;
    }
    size_t m = ng_rouge_metric_count(rouge);
    ng_rouge_prf *out = calloc(m ? m : 1, sizeof *out);
    if (!out) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    st = ng_rouge_score(rouge, &s, r, nrefs, out, &err);
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        free(out);
        raise_error(&err, st);
        goto done;
    }
    result = PyList_New((Py_ssize_t)m);
    for (size_t i = 0; result && i < m; i++) {
        PyObject *t = Py_BuildValue("(sddd)", ng_rouge_metric_name(rouge, i), out[i].r, out[i].p, out[i].f);
        if (!t) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, t);
    }
    free(out);
done:
    ng_rouge_free(rouge);
    for (size_t i = 0; rstore && i < nrefs; i++) free(rstore[i]);
    free(rstore);
    free(sstore);
    free(r);
    Py_DECREF(rfast);
    return result;
}

/* -------------------------------------------------------------- fetch */

static PyObject *py_is_url(PyObject *self, PyObject *arg)
{
    (void)self;
    const char *s = PyUnicode_Check(arg) ? PyUnicode_AsUTF8(arg) : NULL;
    if (!s) {
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    return PyBool_FromLong(ng_is_url(s));
}

/* fetch(url, max_bytes, timeout, connect_timeout) -> (bytes, final url,
 * content type or None), as nutgraf extract fetches a URL; the transfer
 * runs with the GIL released. */
static PyObject *py_fetch(PyObject *self, PyObject *args, PyObject *kw)
{
    (void)self;
    static char *kwlist[] = {"url", "max_bytes", "timeout", "connect_timeout", NULL};
    const char *url;
    Py_ssize_t max_bytes = 0;
    double timeout = 0, connect_timeout = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s|ndd", kwlist, &url, &max_bytes, &timeout, &connect_timeout))
        return NULL;
    if (max_bytes < 0 || timeout < 0 || connect_timeout < 0 || timeout > 86400 || connect_timeout > 86400)
        return arg_error("max_bytes and the timeouts must be positive (timeouts at most 86400 s)");
    ng_fetch_options fo;
    ng_fetch_options_init(&fo);
    fo.max_bytes = (size_t)max_bytes;
    if (timeout > 0) fo.timeout_ms = timeout * 1000 < 1 ? 1 : (long)(timeout * 1000 + 0.5);
    if (connect_timeout > 0) fo.connect_timeout_ms = connect_timeout * 1000 < 1 ? 1 : (long)(connect_timeout * 1000 + 0.5);
    ng_fetched page;
    memset(&page, 0, sizeof page);
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_fetch(url, &fo, &page, &err);
    Py_END_ALLOW_THREADS
    PyObject *r = st == NG_OK ? Py_BuildValue("(y#sz)", page.bytes, (Py_ssize_t)page.len, page.url ? page.url : url,
                                              page.content_type)
                              : raise_error(&err, st);
    ng_fetched_free(&page);
    return r;
}

/* ------------------------------------------------------------ Archive */

typedef struct {
    PyObject_HEAD
    ng_archive *a; /* NULL once closed */
    PyThread_type_lock lock;
    ng_analyze_work *work; /* index's scratch space, kept between stories */
} ArchiveObject;

static PyTypeObject ArchiveType;

static void archive_dealloc(ArchiveObject *o)
{
    ng_archive_close(o->a);
    ng_analyze_work_free(o->work);
    if (o->lock) PyThread_free_lock(o->lock);
    Py_TYPE(o)->tp_free((PyObject *)o);
}

/* Takes the lock with the GIL released; raises and returns -1 when the
 * archive was closed (the lock is then not held). */
static int archive_enter(ArchiveObject *o)
{
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(o->lock, WAIT_LOCK);
    Py_END_ALLOW_THREADS
    if (o->a) return 0;
    PyThread_release_lock(o->lock);
    arg_error("the archive is closed");
    return -1;
}

static void archive_leave(ArchiveObject *o) { PyThread_release_lock(o->lock); }

/* A new list of {"id", "score", "headline", "date", "snippet"} dicts, as
 * the "results" of `nutgraf search --json`; None for NULL results. */
static PyObject *results_of(const ng_archive_results *r)
{
    if (!r) Py_RETURN_NONE;
    size_t n = ng_archive_results_count(r);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        ng_archive_hit h = ng_archive_result(r, i);
        PyObject *d = Py_BuildValue("{s:s,s:d,s:s,s:s,s:s}", "id", h.id, "score", h.score, "headline", h.headline,
                                    "date", h.date, "snippet", h.snippet);
        if (!d) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

static PyObject *py_archive_open(PyObject *self, PyObject *args)
{
    (void)self;
    const char *path;
    if (!PyArg_ParseTuple(args, "s", &path)) return NULL;
    ArchiveObject *o = PyObject_New(ArchiveObject, &ArchiveType);
    if (!o) return NULL;
    o->a = NULL;
    o->work = NULL;
    o->lock = PyThread_allocate_lock();
    if (!o->lock) {
        Py_DECREF(o);
        return PyErr_NoMemory();
    }
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_archive_open(path, &o->a, &err);
    if (st == NG_OK && !(o->work = ng_analyze_work_new())) {
        st = NG_E_NOMEM;
        snprintf(err.message, sizeof err.message, "out of memory");
    }
    Py_END_ALLOW_THREADS
    if (st != NG_OK) {
        Py_DECREF(o);
        return raise_error(&err, st);
    }
    return (PyObject *)o;
}

static PyObject *archive_close(ArchiveObject *o, PyObject *unused)
{
    (void)unused;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(o->lock, WAIT_LOCK);
    ng_archive_close(o->a);
    Py_END_ALLOW_THREADS
    o->a = NULL;
    archive_leave(o);
    Py_RETURN_NONE;
}

/* begin() and commit(): one transaction around many index() calls. */
static PyObject *archive_tx(ArchiveObject *o, ng_status (*fn)(ng_archive *, ng_error *))
{
    if (archive_enter(o)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = fn(o->a, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    if (st != NG_OK) return raise_error(&err, st);
    Py_RETURN_NONE;
}

static PyObject *archive_begin(ArchiveObject *o, PyObject *unused)
{
    (void)unused;
    return archive_tx(o, ng_archive_begin);
}

static PyObject *archive_commit(ArchiveObject *o, PyObject *unused)
{
    (void)unused;
    return archive_tx(o, ng_archive_commit);
}

/* The work of `nutgraf index` for one story: read, analyse, summarize
 * (learned with every trimming rule, as index does; lead without a model;
 * a story without sentences is stored without highlights) and store. */
static ng_status index_story(ng_archive *a, ng_analyze_work *work, const char *p, size_t len,
                             const ng_read_options *ro, const char *id, ng_archive_put_info *info, ng_error *err)
{
    ng_analyze_options ao;
    ng_analyze_options_init(&ao);
    ao.work = work;
    ng_summary_options so;
    memset(&so, 0, sizeof so);
    so.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    so.trim = so.method == NG_METHOD_LEARNED ? NG_TRIM_ALL : 0;
    ng_doc *doc = NULL;
    ng_status st = ng_doc_read(p, len, ro, &doc, err);
    if (st == NG_OK) st = ng_analyze(doc, &ao, err);
    if (st == NG_OK) {
        ng_status s2 = ng_summarize(doc, &so, err);
        if (s2 != NG_OK && s2 != NG_E_EMPTY) st = s2;
    }
    if (st == NG_OK) st = ng_archive_put(a, doc, id, info, err);
    ng_doc_free(doc);
    return st;
}

static PyObject *archive_index(ArchiveObject *o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"data", "id", "format", "max_bytes", NULL};
    PyObject *data;
    const char *id = NULL, *format = NULL;
    Py_ssize_t max_bytes = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|zzn", kwlist, &data, &id, &format, &max_bytes)) return NULL;
    ng_read_options ro;
    if (read_options(format, max_bytes, &ro)) return NULL;
    const char *p;
    size_t len;
    Py_buffer view;
    if (input_bytes(data, &p, &len, &view)) return NULL;
    if (archive_enter(o)) {
        if (view.obj) PyBuffer_Release(&view);
        return NULL;
    }
    ng_error err = {NG_OK, 0, ""};
    ng_archive_put_info info;
    memset(&info, 0, sizeof info);
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = index_story(o->a, o->work, p, len, &ro, id, &info, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    if (view.obj) PyBuffer_Release(&view);
    if (st != NG_OK) return raise_error(&err, st);
    return Py_BuildValue("{s:s,s:O,s:z,s:d}", "id", info.id, "replaced", info.replaced ? Py_True : Py_False,
                         "near_copy_of", info.near_copy_of[0] ? info.near_copy_of : NULL, "near_copy_similarity",
                         info.near_copy_similarity);
}

static PyObject *archive_search(ArchiveObject *o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"query", "n", NULL};
    const char *query;
    Py_ssize_t n = 10;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "s|n", kwlist, &query, &n)) return NULL;
    if (n < 1 || n > 1000) return arg_error("n must be 1 to 1000");
    if (archive_enter(o)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_archive_results *r = NULL;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_archive_search(o->a, query, (size_t)n, &r, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    PyObject *out = st == NG_OK ? results_of(r) : raise_error(&err, st);
    ng_archive_results_free(r);
    return out;
}

/* related(id, n) for a stored story (None when no story has that id), or
 * related(data=..., n, format, max_bytes) for an article that is read and
 * analysed first, as `nutgraf related FILE` does. */
static PyObject *archive_related(ArchiveObject *o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"id", "data", "n", "format", "max_bytes", NULL};
    const char *id = NULL, *format = NULL;
    PyObject *data = NULL;
    Py_ssize_t n = 10, max_bytes = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|zOnzn", kwlist, &id, &data, &n, &format, &max_bytes)) return NULL;
    if (n < 1 || n > 1000) return arg_error("n must be 1 to 1000");
    if ((id == NULL) == (data == NULL || data == Py_None)) return arg_error("give an id or the data of an article");
    ng_read_options ro;
    if (read_options(format, max_bytes, &ro)) return NULL;
    const char *p = NULL;
    size_t len = 0;
    Py_buffer view;
    memset(&view, 0, sizeof view);
    if (!id && input_bytes(data, &p, &len, &view)) return NULL;
    if (archive_enter(o)) {
        if (view.obj) PyBuffer_Release(&view);
        return NULL;
    }
    ng_error err = {NG_OK, 0, ""};
    ng_archive_results *r = NULL;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    if (id) {
        st = ng_archive_related(o->a, id, (size_t)n, &r, &err);
    } else {
        ng_analyze_options ao;
        ng_analyze_options_init(&ao);
        ao.work = o->work;
        ng_doc *doc = NULL;
        st = ng_doc_read(p, len, &ro, &doc, &err);
        if (st == NG_OK) st = ng_analyze(doc, &ao, &err);
        if (st == NG_OK) st = ng_archive_related_doc(o->a, doc, (size_t)n, &r, &err);
        ng_doc_free(doc);
    }
    Py_END_ALLOW_THREADS
    archive_leave(o);
    if (view.obj) PyBuffer_Release(&view);
    PyObject *out = st == NG_OK ? results_of(r) : raise_error(&err, st);
    ng_archive_results_free(r);
    return out;
}

/* ng_archive_dups collects the groups here (no Python call runs while the
 * GIL is released); turned into Python lists afterwards. */
typedef struct dup_group {
    char **ids;
    size_t count;
    double similarity;
} dup_group;

typedef struct dup_list {
    dup_group *g;
    size_t n, cap;
    int nomem;
} dup_list;

static int collect_group(void *ctx, const char *const *ids, size_t count, double similarity)
{
    dup_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        dup_group *g = realloc(l->g, cap * sizeof *g);
        if (!g) return l->nomem = 1;
        l->g = g;
        l->cap = cap;
    }
    dup_group *g = &l->g[l->n];
    g->ids = calloc(count ? count : 1, sizeof *g->ids);
    if (!g->ids) return l->nomem = 1;
    g->count = count;
    g->similarity = similarity;
    l->n++;
    for (size_t i = 0; i < count; i++)
        if (!(g->ids[i] = strdup(ids[i]))) return l->nomem = 1;
    return 0;
}

static void dup_list_free(dup_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t j = 0; j < l->g[i].count; j++) free(l->g[i].ids[j]);
        free(l->g[i].ids);
    }
    free(l->g);
}

static PyObject *groups_of(const dup_list *l)
{
    PyObject *list = PyList_New((Py_ssize_t)l->n);
    for (size_t i = 0; list && i < l->n; i++) {
        PyObject *ids = PyList_New((Py_ssize_t)l->g[i].count), *d = NULL;
        for (size_t j = 0; ids && j < l->g[i].count; j++) {
            PyObject *s = PyUnicode_FromString(l->g[i].ids[j]);
            if (!s) Py_CLEAR(ids);
            else PyList_SET_ITEM(ids, (Py_ssize_t)j, s);
        }
        if (ids) d = Py_BuildValue("{s:N,s:d}", "ids", ids, "similarity", l->g[i].similarity);
        if (!d) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

static PyObject *archive_dups(ArchiveObject *o, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"threshold", NULL};
    double threshold = 0.8;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|d", kwlist, &threshold)) return NULL;
    if (!(threshold > 0 && threshold <= 1)) return arg_error("threshold must be over 0 and at most 1");
    if (archive_enter(o)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    dup_list l;
    memset(&l, 0, sizeof l);
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_archive_dups(o->a, threshold, collect_group, &l, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    PyObject *out = l.nomem ? PyErr_NoMemory() : st == NG_OK ? groups_of(&l) : raise_error(&err, st);
    dup_list_free(&l);
    return out;
}

static PyObject *archive_count(ArchiveObject *o, PyObject *unused)
{
    (void)unused;
    if (archive_enter(o)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    size_t n = 0;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_archive_count(o->a, &n, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    if (st != NG_OK) return raise_error(&err, st);
    return PyLong_FromSize_t(n);
}

/* get(id) -> the stored story's JSON (str), or None. */
static PyObject *archive_get(ArchiveObject *o, PyObject *args)
{
    const char *id;
    if (!PyArg_ParseTuple(args, "s", &id)) return NULL;
    if (archive_enter(o)) return NULL;
    ng_error err = {NG_OK, 0, ""};
    char *json = NULL;
    size_t len = 0;
    ng_status st;
    Py_BEGIN_ALLOW_THREADS
    st = ng_archive_get(o->a, id, &json, &len, &err);
    Py_END_ALLOW_THREADS
    archive_leave(o);
    if (st != NG_OK) return raise_error(&err, st);
    if (!json) Py_RETURN_NONE;
    PyObject *r = PyUnicode_DecodeUTF8(json, (Py_ssize_t)len, "replace");
    free(json);
    return r;
}

static PyMethodDef archive_methods[] = {
    {"index", (PyCFunction)(void (*)(void))archive_index, METH_VARARGS | METH_KEYWORDS,
     "index(data, id=None, format=None, max_bytes=0) -> dict: reads, analyses, summarizes and stores one story."},
    {"begin", (PyCFunction)archive_begin, METH_NOARGS, "begin(): opens a transaction around many index() calls."},
    {"commit", (PyCFunction)archive_commit, METH_NOARGS, "commit(): makes the stories since begin() durable."},
    {"search", (PyCFunction)(void (*)(void))archive_search, METH_VARARGS | METH_KEYWORDS,
     "search(query, n=10) -> list[dict]."},
    {"related", (PyCFunction)(void (*)(void))archive_related, METH_VARARGS | METH_KEYWORDS,
     "related(id=None, data=None, n=10, format=None, max_bytes=0) -> list[dict] | None."},
    {"dups", (PyCFunction)(void (*)(void))archive_dups, METH_VARARGS | METH_KEYWORDS,
     "dups(threshold=0.8) -> list[dict]: near-duplicate groups."},
    {"count", (PyCFunction)archive_count, METH_NOARGS, "count() -> int: the stories stored."},
    {"get", (PyCFunction)archive_get, METH_VARARGS, "get(id) -> str | None: the stored story as JSON."},
    {"close", (PyCFunction)archive_close, METH_NOARGS, "close(): closes the archive (again: nothing)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ArchiveType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "nutgraf._nutgraf.Archive",
    .tp_basicsize = sizeof(ArchiveObject),
    .tp_dealloc = (destructor)archive_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "One open nutgraf archive (made by _nutgraf.archive_open).",
    .tp_methods = archive_methods,
};

/* ---------------------------------------------------------- the module */

static PyObject *py_version(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    return PyUnicode_FromString(ng_version());
}

static PyObject *py_checksums(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    const ng_model *m;
    const ng_ner_model *n;
    Py_BEGIN_ALLOW_THREADS
    m = ng_model_default();
    n = ng_ner_model_default();
    Py_END_ALLOW_THREADS
    return Py_BuildValue("(kk)", (unsigned long)ng_model_checksum(m), (unsigned long)ng_ner_model_checksum(n));
}

static PyMethodDef module_methods[] = {
    {"read", (PyCFunction)(void (*)(void))py_read, METH_VARARGS | METH_KEYWORDS,
     "read(data, format=None, max_bytes=0) -> Doc"},
    {"summarize", (PyCFunction)(void (*)(void))py_summarize, METH_VARARGS | METH_KEYWORDS,
     "summarize(data, format=None, max_bytes=0, method=None, k=0, words=0, trim=None) -> list[str]"},
    {"analyze", (PyCFunction)(void (*)(void))py_analyze, METH_VARARGS | METH_KEYWORDS,
     "analyze(data, format=None, max_bytes=0, max_tags=0, ner_passes=0) -> str (JSON)"},
    {"rouge", (PyCFunction)(void (*)(void))py_rouge, METH_VARARGS | METH_KEYWORDS,
     "rouge(system, references, impl='rouge155', n=2, lcs=True, stem=True, stopwords=False)"
     " -> list[(metric, r, p, f)]"},
    {"is_url", py_is_url, METH_O, "is_url(s) -> bool: s starts with http:// or https://."},
    {"fetch", (PyCFunction)(void (*)(void))py_fetch, METH_VARARGS | METH_KEYWORDS,
     "fetch(url, max_bytes=0, timeout=0, connect_timeout=0) -> (bytes, final_url, content_type)"},
    {"archive_open", py_archive_open, METH_VARARGS, "archive_open(path) -> Archive"},
    {"version", py_version, METH_NOARGS, "version() -> str: the library's version."},
    {"checksums", py_checksums, METH_NOARGS,
     "checksums() -> (int, int): CRC-32 of the built-in highlight and entity models (0: none)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_nutgraf", "The C core of the nutgraf package (libnutgraf).", -1, module_methods,
    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__nutgraf(void)
{
    if (PyType_Ready(&DocType) < 0 || PyType_Ready(&ArchiveType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    NgError = PyErr_NewExceptionWithDoc("nutgraf.Error",
                                        "A libnutgraf failure: .status (int), .status_name ('io', 'json', "
                                        "...), .message and .line (1-based, 0 when not line oriented).",
                                        NULL, NULL);
    Py_INCREF(&DocType);
    Py_INCREF(&ArchiveType);
    if (!NgError || PyModule_AddObject(m, "Error", NgError) || PyModule_AddObject(m, "Doc", (PyObject *)&DocType) ||
        PyModule_AddObject(m, "Archive", (PyObject *)&ArchiveType)) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(NgError);
    return m;
}
