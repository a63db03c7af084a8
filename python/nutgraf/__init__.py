"""nutgraf from Python: news article reading, highlights, quotes, entities.

A thin skin over libnutgraf (the C library of the ``nutgraf`` command): the
same reader, summarizer and analysis, with the same results as the command
line for the same input.  Every call into the library releases the GIL, so
Python threads run on all cores::

    import nutgraf
    bullets = nutgraf.summarize(open("story.txt").read())
    doc = nutgraf.read(html_bytes)
    doc.headline, doc.sentences, doc.summarize(k=3), doc.analyze()["quotes"]

Errors raise :class:`nutgraf.Error`, which carries the library's status
(``.status``, ``.status_name`` such as ``"json"`` or ``"binary"``), its
``.message`` and, for line-oriented input, ``.line``.
"""
import json as _json

from . import _nutgraf
from ._nutgraf import Error

__all__ = ["Error", "Document", "Archive", "read", "summarize", "analyze", "extract", "rouge", "version",
           "model_checksums", "__version__"]

# NG_FIELD_* and NG_LIST_* of nutgraf.h
(_FIELD_ID, _FIELD_HEADLINE, _FIELD_BYLINE, _FIELD_DATELINE, _FIELD_DATE, _FIELD_FORMAT, _FIELD_SITE_NAME,
 _FIELD_CANONICAL_URL, _FIELD_LANGUAGE) = range(9)
(_LIST_PAGE_HIGHLIGHTS, _LIST_RELATED, _LIST_TAGS, _LIST_DROPPED, _LIST_CREDITS, _LIST_REFERENCES,
 _LIST_WARNINGS, _LIST_AUTHORS, _LIST_IMAGES, _LIST_IMAGE_CAPTIONS) = range(10)


def version():
    """The version of the linked libnutgraf, "MAJOR.MINOR.PATCH"."""
    return _nutgraf.version()


__version__ = _nutgraf.version()


def model_checksums():
    """CRC-32 checksums of the built-in models as a dict
    ``{"highlights": int, "ner": int}`` (0 where the library has none)."""
    h, n = _nutgraf.checksums()
    return {"highlights": h, "ner": n}


def _trim_arg(trim):
    if trim is None:
        return None
    if trim is True:
        return "default"
    if trim is False:
        return "none"
    if isinstance(trim, (list, tuple)):
        return ",".join(trim) if trim else "none"
    return str(trim)


def _format_arg(format):
    return None if format in (None, "auto") else format


class Document:
    """One article as nutgraf read it (made by :func:`read`).

    Attributes are read from the library on access: ``id``, ``headline``,
    ``byline``, ``dateline``, ``date``, ``format`` (the reader used),
    ``site_name``, ``canonical_url``, ``language``, ``authors``, ``images``,
    ``body``,
    ``sentences``, ``page_highlights`` (the page's own bullets), ``related``,
    ``page_tags``, ``dropped``, ``credits``, ``references`` (a dataset
    record's reference highlights), ``warnings`` and ``highlights`` (those
    of the last :meth:`summarize`).  A Document may be shared between threads.
    """

    __slots__ = ("_doc",)

    def __init__(self, doc):
        self._doc = doc

    id = property(lambda self: self._doc.field(_FIELD_ID), doc="A dataset record's id, or None.")
    headline = property(lambda self: self._doc.field(_FIELD_HEADLINE), doc="Title or headline, or None.")
    byline = property(lambda self: self._doc.field(_FIELD_BYLINE), doc='"By Jo Ling Kent, CNN", or None.')
    dateline = property(lambda self: self._doc.field(_FIELD_DATELINE), doc='"Beijing (CNN)", or None.')
    date = property(lambda self: self._doc.field(_FIELD_DATE), doc="A publication date the markup gives, or None.")
    format = property(lambda self: self._doc.field(_FIELD_FORMAT), doc='The reader used: "text", "html", ...')
    body = property(lambda self: self._doc.body(), doc="The body text, paragraphs separated by one newline.")
    sentences = property(lambda self: self._doc.sentences(), doc="The body's sentences, as written.")
    page_highlights = property(lambda self: self._doc.list(_LIST_PAGE_HIGHLIGHTS),
                               doc="The page's own highlight bullets (never summarized).")
    related = property(lambda self: self._doc.list(_LIST_RELATED), doc="Related-story links.")
    page_tags = property(lambda self: self._doc.list(_LIST_TAGS), doc="Topic tag lines of the page.")
    dropped = property(lambda self: self._doc.list(_LIST_DROPPED), doc="Navigation and captions removed.")
    credits = property(lambda self: self._doc.list(_LIST_CREDITS), doc='"CNN\'s Jane Doe contributed ..." lines.')
    references = property(lambda self: self._doc.list(_LIST_REFERENCES),
                          doc="Reference highlights a dataset record carries.")
    warnings = property(lambda self: self._doc.list(_LIST_WARNINGS), doc="What the reader repaired.")
    site_name = property(lambda self: self._doc.field(_FIELD_SITE_NAME) or None,
                         doc="The publisher (og:site_name, JSON-LD publisher), or None.")
    canonical_url = property(lambda self: self._doc.field(_FIELD_CANONICAL_URL) or None,
                             doc="<link rel=canonical> or og:url, or None.")
    language = property(lambda self: self._doc.field(_FIELD_LANGUAGE) or None,
                        doc="<html lang>, og:locale or JSON-LD inLanguage, or None.")
    authors = property(lambda self: self._doc.list(_LIST_AUTHORS), doc="Author names, cleaned of \"By\" and roles.")
    images = property(lambda self: [{"src": src, "caption": cap or None} for src, cap in
                                    zip(self._doc.list(_LIST_IMAGES), self._doc.list(_LIST_IMAGE_CAPTIONS))],
                      doc='The article\'s images as {"src", "caption"} dicts (caption None when absent).')
    highlights = property(lambda self: self._doc.highlights(), doc="The bullets of the last summarize().")

    def summarize(self, k=None, method="learned", trim=None, words=None):
        """Chooses highlight sentences, as ``nutgraf summarize`` does.

        k: number of bullets (None: the model's choice for learned, 3
        otherwise); method: "learned", "lead" or "textrank"; trim: None (the
        default rules for learned, none otherwise), True/"default" (every rule
        but relative), "all", False/"none", or a list
        or comma string of dateline, conjunction, attribution, parentheses,
        relative, appositive; words: a soft word budget for all bullets.
        Returns the bullets and keeps them in the document."""
        return self._doc.summarize(method=method, k=k or 0, words=words or 0, trim=_trim_arg(trim))

    def analyze(self, max_tags=None, ner_passes=None):
        """Finds quotes with speakers, named entities and topic tags, as
        ``nutgraf analyze`` does, and returns :meth:`to_dict`."""
        self._doc.analyze(max_tags=max_tags or 0, ner_passes=ner_passes or 0)
        return self.to_dict()

    def to_dict(self):
        """The document as ``nutgraf summarize --json`` (and ``analyze
        --json`` after :meth:`analyze`) prints it, as a dict."""
        return _json.loads(self._doc.to_json())

    def __repr__(self):
        return "<nutgraf.Document %r: %d sentences>" % (self.headline or self.id or "", len(self.sentences))


def read(text_or_bytes, format="auto", max_bytes=None):
    """Reads one article: text copied from a web page, an HTML page, a
    CNN/DailyMail .story file or one JSON record (id, article or text, title,
    highlights).  format: "auto" (detect), "text", "html", "story" or
    "json".  Raises :class:`Error` for empty, binary, oversized or broken
    input."""
    return Document(_nutgraf.read(text_or_bytes, format=_format_arg(format), max_bytes=max_bytes or 0))


def summarize(text, k=None, method="learned", trim=None, words=None, format="auto"):
    """The highlights of one article as a list of bullets: the same as
    ``nutgraf summarize`` prints for the same input and options (see
    :meth:`Document.summarize` for them)."""
    return _nutgraf.summarize(text, format=_format_arg(format), method=method, k=k or 0, words=words or 0,
                              trim=_trim_arg(trim))


def analyze(text, max_tags=None, ner_passes=None, format="auto"):
    """Quotes, entities and tags of one article: the document as ``nutgraf
    analyze --json`` prints it, as a dict with "quotes", "entities" and
    "tags" among its keys."""
    return _json.loads(_nutgraf.analyze(text, format=_format_arg(format), max_tags=max_tags or 0,
                                        ner_passes=ner_passes or 0))


def _fetch(url, max_bytes, timeout, connect_timeout):
    """A URL's bytes and the format its Content-Type names, as ``nutgraf
    extract`` fetches it (at most 5 redirects, gzip, charset to UTF-8)."""
    body, _final, ctype = _nutgraf.fetch(url, max_bytes=max_bytes or 0, timeout=timeout or 0.0,
                                         connect_timeout=connect_timeout or 0.0)
    ctype = (ctype or "").lstrip(" ").lower()
    served = "html" if ctype.startswith(("text/html", "application/xhtml+xml")) else None
    return body or b"", served  # an empty body is then refused by read() as "empty"


def extract(html_or_url, format="auto", max_bytes=None, timeout=None, connect_timeout=None):
    """The article of one page as ``nutgraf extract --json`` gives it, as a
    dict with the keys headline, authors, date, site_name, canonical_url,
    language, body, page_highlights, related, tags and images (absent values
    None or []), and "url" when html_or_url is a URL.

    html_or_url: an HTML page (str or bytes), web-page text, a .story file or
    one JSON record; or a str starting with http:// or https://, which is
    fetched (timeout and connect_timeout in seconds; the library's defaults
    when None).  format: "auto", "text", "html", "story" or "json".  Raises
    :class:`Error` (status "network" when the URL cannot be fetched)."""
    url = None
    data = html_or_url
    if isinstance(html_or_url, str) and _nutgraf.is_url(html_or_url):
        url = html_or_url
        data, served = _fetch(url, max_bytes, timeout, connect_timeout)
        if format in (None, "auto") and served:
            format = served
        # the transfer already stopped at max_bytes; the reader takes it all
        if max_bytes is not None and len(data) > max_bytes:
            max_bytes = len(data)
    doc = read(data, format=format, max_bytes=max_bytes)
    out = {"url": url} if url is not None else {}
    out.update({
        "headline": doc.headline or None,
        "authors": doc.authors,
        "date": doc.date or None,
        "site_name": doc.site_name,
        "canonical_url": doc.canonical_url,
        "language": doc.language,
        "body": doc.body or "",
        "page_highlights": doc.page_highlights,
        "related": doc.related,
        "tags": doc.page_tags,
        "images": doc.images,
    })
    return out


class Archive:
    """An archive of analysed stories (``nutgraf index``, ``search``,
    ``related``, ``dups``): an SQLite file made when absent, or whatever
    other back end the library opens for path.  Use it as a context manager
    or call :meth:`close`.  Calls on one Archive are serialized (the library
    allows one thread per handle) and run with the GIL released; open one
    Archive per thread to query in parallel.
    """

    def __init__(self, path):
        self._a = _nutgraf.archive_open(str(path))
        self.path = str(path)

    def index(self, stories, id=None, format="auto", max_bytes=None):
        """Stores stories as ``nutgraf index`` does: each is read, analysed
        (quotes, entities, tags) and summarized once, then stored under id
        (one story only), else its record's id, else "h" and a hash of its
        body.  stories: one str or bytes, or an iterable of them (stored in
        one transaction).  Returns a dict ``{"id", "replaced",
        "near_copy_of", "near_copy_similarity"}`` per story (a list for an
        iterable).  Raises :class:`Error` for a story that cannot be read;
        the stories before it in an iterable are kept."""
        fmt = _format_arg(format)
        if isinstance(stories, (str, bytes, bytearray, memoryview)):
            return self._a.index(stories, id=id, format=fmt, max_bytes=max_bytes or 0)
        if id is not None:
            raise ValueError("id names one story; give one str or bytes")
        out = []
        self._a.begin()
        try:
            for story in stories:
                out.append(self._a.index(story, format=fmt, max_bytes=max_bytes or 0))
        finally:
            self._a.commit()
        return out

    def search(self, query, n=10):
        """Full-text search (the query language of ``nutgraf search``):
        the best n stories as dicts ``{"id", "score", "headline", "date",
        "snippet"}``, best first, as the "results" of ``search --json``."""
        return self._a.search(query, n=n)

    def related(self, id_or_text, n=10, format="auto", max_bytes=None):
        """The n stories most related to a stored story (by id) or to an
        article (its text or bytes, read and analysed first, never stored),
        as :meth:`search` gives them.  A str is taken as an id when a story
        has that id, else read as an article's text (format "auto"), as
        ``nutgraf related ID|FILE`` does.  Raises :class:`Error` for text
        that cannot be read (empty, binary, too big)."""
        if isinstance(id_or_text, str) and "\n" not in id_or_text and len(id_or_text) <= 128:
            hits = self._a.related(id=id_or_text, n=n)
            if hits is not None:
                return hits
        return self._a.related(data=id_or_text, n=n, format=_format_arg(format), max_bytes=max_bytes or 0)

    def dups(self, threshold=0.8):
        """Near-duplicate groups as ``nutgraf dups --json`` prints them:
        dicts ``{"ids": [...], "similarity": float}`` (word 4-shingle
        Jaccard of at least threshold)."""
        return self._a.dups(threshold=threshold)

    def count(self):
        """The number of stored stories."""
        return self._a.count()

    def get(self, id):
        """The stored story with that id as a dict (id, headline, byline,
        date, body, highlights, entities, tags, quotes), or None."""
        s = self._a.get(id)
        return None if s is None else _json.loads(s)

    def close(self):
        """Closes the archive; later calls raise :class:`Error`."""
        self._a.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return "<nutgraf.Archive %r>" % self.path


def rouge(system, references, impl="rouge155", n=2, lcs=True, stem=True, stopwords=False):
    """Scores one system summary against references, as ``nutgraf rouge``
    does (ROUGE-1.5.5 by default; impl="rouge-score" for Google's
    rouge-score 0.1.2).  system: a list of sentences (or one str);
    references: a list of such summaries (or one).  Returns
    ``{metric: {"r": float, "p": float, "f": float}}`` with metrics such as
    "ROUGE-1", "ROUGE-2", "ROUGE-L"."""
    if isinstance(system, str):
        system = [system]
    if isinstance(references, str) or (references and all(isinstance(r, str) for r in references)):
        references = [[references] if isinstance(references, str) else list(references)]
    rows = _nutgraf.rouge(list(system), [list(r) for r in references], impl=impl, n=n, lcs=lcs, stem=stem,
                          stopwords=stopwords)
    return {name: {"r": r, "p": p, "f": f} for name, r, p, f in rows}
