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

__all__ = ["Error", "Document", "read", "summarize", "analyze", "rouge", "version", "model_checksums",
           "__version__"]

# NG_FIELD_* and NG_LIST_* of nutgraf.h
_FIELD_ID, _FIELD_HEADLINE, _FIELD_BYLINE, _FIELD_DATELINE, _FIELD_DATE, _FIELD_FORMAT = range(6)
(_LIST_PAGE_HIGHLIGHTS, _LIST_RELATED, _LIST_TAGS, _LIST_DROPPED, _LIST_CREDITS, _LIST_REFERENCES,
 _LIST_WARNINGS) = range(7)


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
    ``byline``, ``dateline``, ``date``, ``format`` (the reader used), ``body``,
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
