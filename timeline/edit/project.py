"""A new tracker (`init`), seed documents copied in (`source add`), and the
quote check `revise` makes before it writes."""

from __future__ import annotations

import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import yaml

from timeline import quotes
from timeline.edit import yamltext as yt
from timeline.edit.files import read_file
from timeline.edit.template import EVENTS_YAML, SEEDS_README
from timeline.model import Error, Location, TimelineError

DATA_NAME = "events.yaml"
SEEDS = "seeds"
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space: not the no-break space
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def init_project(directory: str | os.PathLike[str] = ".") -> list[Path]:
    """Create `events.yaml` and `seeds/` in `directory` (made if missing); return
    the paths created.  Refuses (TimelineError) if either exists."""
    base = Path(directory)
    data, seeds = base / DATA_NAME, base / SEEDS
    if base.exists() and not base.is_dir():
        raise TimelineError([Error("not a directory: nothing written", Location(str(base)), stage="output")])
    for path in (data, seeds):
        if path.exists() or path.is_symlink():
            raise TimelineError([Error("already exists: nothing written (init never overwrites)", Location(str(path)), stage="output")])
    try:
        base.mkdir(parents=True, exist_ok=True)
        seeds.mkdir()
    except OSError as exc:
        raise TimelineError([Error(f"cannot create: {exc.strerror}", Location(str(seeds)), stage="output")]) from None
    created = [seeds]
    for path, text in ((seeds / "README", SEEDS_README), (data, EVENTS_YAML)):
        _create(path, text.encode("utf-8"))
        created.append(path)
    return created


def copy_seed(data_file: str | os.PathLike[str], src_path: str | os.PathLike[str], id: str, published: str, lang: str | None = None,
              publisher: str | None = None) -> str:
    """Copy an article's text into `seeds/` beside `data_file`; return its path
    relative to the data file's folder (as `file:` in `sources:` wants it).

    The name reads `<publisher or id>-<date>-<slug of the file name>[.<lang>].txt`
    in ASCII.  A saved HTML page is stored as its body text.  A file already in
    that `seeds/` is used where it is; an existing file of the same name is
    reused if it holds the same text, else refused.
    """
    relative, target, payload = plan_seed(data_file, src_path, id, published, lang, publisher)
    if payload is not None:
        write_seed(target, payload)
    return relative


def plan_seed(data_file: str | os.PathLike[str], src_path: str | os.PathLike[str], id: str, published: str, lang: str | None = None,
              publisher: str | None = None) -> tuple[str, Path, bytes | None]:
    """What `copy_seed` would do, without writing: (relative path, target path,
    bytes to write or None when the file is already there)."""
    base = Path(data_file).parent
    source = Path(src_path)
    if lang is not None and not _LANG.fullmatch(lang):
        raise TimelineError([Error(f"--lang: '{lang}' is not a language tag (e.g. en, zh-Hant)", stage="argument")])
    data, _ = read_file(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TimelineError([Error("not UTF-8 text: save the article as UTF-8", Location(str(source), line), stage="source")]) from None
    seeds = base / SEEDS
    if source.resolve().parent == seeds.resolve():
        return f"{SEEDS}/{source.name}", source, None
    if source.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text = html_text(text)
    if not text.strip():
        raise TimelineError([Error("no text in this file", Location(str(source)), stage="source")])
    name = seed_name(id, published, source.stem, lang, publisher)
    target = seeds / name
    encoded = text.replace("\r\n", "\n").encode("utf-8")
    if target.exists():
        existing, _ = read_file(target)
        if existing != encoded:
            raise TimelineError([Error("already exists with different text: nothing written (choose another --id)", Location(str(target)), stage="output")])
        return f"{SEEDS}/{name}", target, None
    return f"{SEEDS}/{name}", target, encoded


def write_seed(target: Path, payload: bytes) -> None:
    try:
        target.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise TimelineError([Error(f"cannot create: {exc.strerror}", Location(str(target.parent)), stage="output")]) from None
    _create(target, payload)


def seed_name(id: str, published: str, stem: str, lang: str | None, publisher: str | None = None) -> str:
    who = _slug(publisher or "", 24) or _slug(id, 40)
    parts = [who]
    if published not in who:
        parts.append(published)
    slug = _slug(stem, 40)
    if slug and slug not in who:
        parts.append(slug)
    return "-".join(parts) + (f".{lang}" if lang else "") + ".txt"


def _slug(text: str, limit: int) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def check_quote(data_file: str | os.PathLike[str], text: str, source_id: str, quote: str) -> list[Error]:
    """Is `quote` in the file of source `source_id` (as listed in `text`, the data
    file's contents)?  [] if so, else one Error located where it diverges."""
    root = yt.compose(text, str(data_file))
    found = yt.get(root, "sources")
    file = None
    if found and isinstance(found[1], yaml.SequenceNode):
        for item in found[1].value:
            if isinstance(item, yaml.MappingNode):
                ident, path = yt.get(item, "id"), yt.get(item, "file")
                if ident and path and yt.scalar(ident[1]) == source_id:
                    file = yt.scalar(path[1])
    if not quote.strip():
        return [Error("quote: is empty", stage="argument")]
    if not file:
        return [Error(f"no source '{source_id}' with a file in {data_file}", stage="argument")]
    seed = Path(data_file).parent / file
    try:
        data, _ = read_file(seed)
        seed_text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except TimelineError as exc:
        return list(exc.errors)
    except UnicodeDecodeError:
        return [Error("not UTF-8 text", Location(str(seed)), stage="quote")]
    if quotes.find_quote(quote, seed_text) is not None:
        return []
    miss = quotes.divergence(quote, seed_text)
    if miss is None or not miss.matched:
        return [Error(f"quote not in source '{source_id}': {miss}", Location(str(seed)), stage="quote")]
    return [Error(f"quote not in source '{source_id}': {miss.describe(position=False)}", Location(str(seed), miss.line, miss.column), stage="quote")]


class _Text(HTMLParser):
    """The visible text of an HTML page's body, a line per block element."""

    SKIP = {"script", "style", "noscript", "template", "head", "svg", "nav", "footer"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "figcaption", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_HTML_SPACE.sub(" ", data))  # a line break in the source is a space


def html_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser.close()
    lines = (_HTML_SPACE.sub(" ", line).strip(" ") for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"


def _create(path: Path, data: bytes) -> None:
    """Write a new file; never replace one (O_EXCL), never leave half of one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise TimelineError([Error("already exists: nothing written", Location(str(path)), stage="output")]) from None
    except OSError as exc:
        raise TimelineError([Error(f"cannot create: {exc.strerror}", Location(str(path)), stage="output")]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        os.unlink(path)
        raise TimelineError([Error(f"cannot write: {exc.strerror}", Location(str(path)), stage="output")]) from None
