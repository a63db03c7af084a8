"""Type hints for nutgraf (see nutgraf/__init__.py for the documentation)."""
from typing import Any, Dict, List, Optional, Sequence, Union

__version__: str

class Error(Exception):
    status: int
    status_name: str
    message: str
    line: int

Trim = Union[None, bool, str, Sequence[str]]

class Document:
    id: Optional[str]
    headline: Optional[str]
    byline: Optional[str]
    dateline: Optional[str]
    date: Optional[str]
    format: Optional[str]
    body: str
    sentences: List[str]
    page_highlights: List[str]
    related: List[str]
    page_tags: List[str]
    dropped: List[str]
    credits: List[str]
    references: List[str]
    warnings: List[str]
    highlights: List[str]
    def summarize(self, k: Optional[int] = ..., method: str = ..., trim: Trim = ...,
                  words: Optional[int] = ...) -> List[str]: ...
    def analyze(self, max_tags: Optional[int] = ..., ner_passes: Optional[int] = ...) -> Dict[str, Any]: ...
    def to_dict(self) -> Dict[str, Any]: ...

def version() -> str: ...
def model_checksums() -> Dict[str, int]: ...
def read(text_or_bytes: Union[str, bytes], format: str = ..., max_bytes: Optional[int] = ...) -> Document: ...
def summarize(text: Union[str, bytes], k: Optional[int] = ..., method: str = ..., trim: Trim = ...,
              words: Optional[int] = ..., format: str = ...) -> List[str]: ...
def analyze(text: Union[str, bytes], max_tags: Optional[int] = ..., ner_passes: Optional[int] = ...,
            format: str = ...) -> Dict[str, Any]: ...
def rouge(system: Union[str, Sequence[str]], references: Union[str, Sequence[str], Sequence[Sequence[str]]],
          impl: str = ..., n: int = ..., lcs: bool = ..., stem: bool = ...,
          stopwords: bool = ...) -> Dict[str, Dict[str, float]]: ...
