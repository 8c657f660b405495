"""An article file → its text: plain text as it is, a saved HTML page as the
text of its body (read with the standard library's HTML parser)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from timeline.model import Error, Location, TimelineError
from timeline.safe_io import read_regular

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "button", "nav", "form", "select"}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section",
    "article", "header", "footer", "blockquote", "pre", "figure", "figcaption", "main", "aside", "dd", "dt", "hr",
    "title",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def _fail(path: object, message: str) -> TimelineError:
    return TimelineError([Error(message, Location(str(path)), stage="io")])


def read_article(path: str | os.PathLike[str]) -> str:
    """The article's text; TimelineError with one clear message on an empty,
    binary, unreadable or non-UTF-8 file."""
    path = Path(path)
    try:
        data = read_regular(path)  # a regular file within $TIMELINE_MAX_BYTES: never a FIFO or /dev/zero
    except FileNotFoundError:
        raise _fail(path, "no such file") from None
    except IsADirectoryError:
        raise _fail(path, "is a directory, not an article") from None
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise _fail(path, "the file is empty: expected the text of an article")
    html = path.suffix.lower() in (".html", ".htm", ".xhtml") or _looks_html(data)
    text = _decode(path, data, html)
    if html:
        text = html_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _fail(path, "the page has no text in its body")
    return text


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode(path: Path, data: bytes, html: bool) -> str:
    """The text of the file: UTF-8 (or UTF-16 with its byte-order mark, or the charset
    a page declares); never with a lone surrogate (which no output could encode)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _fail(path, f"not UTF-16 text (at byte {exc.start}): save the article as UTF-8") from None
    elif b"\x00" in data:
        raise _fail(path, "a binary file, not text: give a plain-text or HTML article")
    else:
        text = _utf8_or_declared(path, data, html)
    odd = _SURROGATE.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        raise _fail(path, f"line {line}: a lone surrogate (U+{ord(odd.group()):04X}) is not text: save the article as UTF-8")
    return text


def _utf8_or_declared(path: Path, data: bytes, html: bool) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096]) if html else None
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, ValueError):  # an unknown codec, or bytes not in it (UnicodeError is a ValueError)
                pass
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(path, f"line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}): save the article as UTF-8") from None


class _BodyText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.seen_body = False
        self.body_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "body":
            self.seen_body = True
            self.body_parts = []
        if tag in _BLOCK:
            self._add("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._add(data)

    def _add(self, text: str) -> None:
        (self.body_parts if self.body_parts is not None else self.parts).append(text)


def html_text(html: str) -> str:
    """The visible text of a page's body, one line per block; spaces collapsed."""
    parser = _BodyText()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.body_parts if parser.seen_body and parser.body_parts is not None else parser.parts)
    lines = (re.sub(r"[ \t\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"
