"""Type hints for nutgraf (see nutgraf/__init__.py for the documentation)."""
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union, overload

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
    site_name: Optional[str]
    canonical_url: Optional[str]
    language: Optional[str]
    authors: List[str]
    images: List[Dict[str, Optional[str]]]
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
def extract(html_or_url: Union[str, bytes], format: str = ..., max_bytes: Optional[int] = ...,
            timeout: Optional[float] = ..., connect_timeout: Optional[float] = ...) -> Dict[str, Any]: ...

class Archive:
    path: str
    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None: ...
    @overload
    def index(self, stories: Union[str, bytes], id: Optional[str] = ..., format: str = ...,
              max_bytes: Optional[int] = ...) -> Dict[str, Any]: ...
    @overload
    def index(self, stories: Iterable[Union[str, bytes]], id: None = ..., format: str = ...,
              max_bytes: Optional[int] = ...) -> List[Dict[str, Any]]: ...
    def search(self, query: str, n: int = ...) -> List[Dict[str, Any]]: ...
    def related(self, id_or_text: Union[str, bytes], n: int = ..., format: str = ...,
                max_bytes: Optional[int] = ...) -> List[Dict[str, Any]]: ...
    def dups(self, threshold: float = ...) -> List[Dict[str, Any]]: ...
    def count(self) -> int: ...
    def get(self, id: str) -> Optional[Dict[str, Any]]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Archive": ...
    def __exit__(self, *exc: Any) -> bool: ...

def rouge(system: Union[str, Sequence[str]], references: Union[str, Sequence[str], Sequence[Sequence[str]]],
          impl: str = ..., n: int = ..., lcs: bool = ..., stem: bool = ...,
          stopwords: bool = ...) -> Dict[str, Dict[str, float]]: ...
