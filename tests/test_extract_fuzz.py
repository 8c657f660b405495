"""`timeline extract` on hostile files: binary, odd encodings (UTF-16 with and
without a BOM, lone surrogates in UTF-8/UTF-16/UTF-7 bytes, a page declaring a
charset it is not in), HTML fragments, control characters, very long lines.

For every file the command exits 0 or 1, never with a traceback; on 1 it
writes exactly one line on stderr; on 0 its YAML and JSON parse and every
quote is the article's own text at the offsets given.  Bounded: hypothesis
runs TIMELINE_FUZZ_EXAMPLES files (default 60) with no deadline; the long-line
runs are processes with a hang guard, not timed assertions (bench/extract.py
--hostile measures the speed)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hostile import cli, run, text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extract import read_article

EXAMPLES = int(os.environ.get("TIMELINE_FUZZ_EXAMPLES", "60"))

_WORDS = [
    "2025年11月10日", "１１月１０日", "十一月十日", "二〇二六年", "民國115年", "114年4月9日", "明年第一季", "上半年", "首季",
    "下週二", "本月底", "月中", "年底前", "為期一年", "暫停90天", "自即日起", "至", "到期", "前", "起", "（", "）", "【", "】",
    "「", "」", "。", "，", "：", "圖為", "更新時間：", "新华社北京11月5日电", "(Reuters) -", "WASHINGTON, Nov 10 ",
    "November 10, 2025", "Nov. 10", "from 8 to 12 November", "for 90 days", "Q1 2026", "the first half of 2026",
    "next Tuesday", "later this month", "12:01 a.m. EST", "21:14", "Updated ", "Photographer: ", "By Jane Doe",
    "Section 232", "100%", ".", "!", "?", " ", "\n", "\n\n", "\t", "\r\n", "\u3000", "\u00a0", "\u2028", "\u0301",
    "\ufeff", "\x00", "\x1b[31m", "&#xD800;", "&amp;", "<p>", "</p>", "<br>", "<h1>", "<![CDATA[", "<!--", "<script>",
    "<html><body>", "<meta charset='utf-7'>",
]
_RAW = [b"\xed\xa0\x80", b"\xff\xfe", b"\xfe\xff", b"\x00\xd8", b"\xd8\x00", b"+2AA-", b"\xc3", b"\x80", b"\xef\xbb\xbf"]


@st.composite
def articles(draw) -> bytes:
    words = draw(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=40))
    body = "".join(words)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "utf-16-le", "utf-7", "gb18030"]))
    data = body.encode(encoding, "surrogatepass") if encoding.startswith("utf") else body.encode(encoding, "replace")
    raw = draw(st.lists(st.sampled_from(_RAW) | st.binary(max_size=8), max_size=3))
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + b"".join(raw) + data[cut:]


def _check(folder: Path, name: str, data: bytes) -> None:
    article = folder / name
    article.write_bytes(data)
    for args in ((), ("--json",)):
        result = cli("extract", article, "--date", "2025-11-10", *args, cwd=folder)
        out, err = text(result)
        assert result.exception is None, err[-3000:]
        assert result.returncode in (0, 1), (result.returncode, err[-2000:])
        if result.returncode == 1:
            assert len(err.strip().splitlines()) == 1, err
            continue
        read = read_article(article)
        if args:
            for item in json.loads(out):
                assert read[item["start"]:item["end"]] == item["quote"]
        else:
            parsed = yaml.safe_load(out) if out.strip() else []
            assert isinstance(parsed, list)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
          report_multiple_bugs=False)
@given(data=articles(), html=st.booleans())
def test_extract_never_crashes_on_hostile_files(data, html):
    folder = Path(tempfile.mkdtemp(prefix="timeline-extract-fuzz-"))
    try:
        _check(folder, "article.html" if html else "article.txt", data)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("data", [
    b"\xff\xfe" + "美國自11月10日起".encode("utf-16-le") + b"\x00\xd8",  # UTF-16 ending in a lone surrogate
    b"\xff\xfe" + "A" .encode("utf-16-le") + b"\x41",  # an odd number of bytes
    b"The rule \xed\xa0\x80 takes effect on November 10, 2025.",  # a surrogate encoded in UTF-8 bytes
    b"<html><head><meta charset='utf-7'></head><body>+2AA- on November 10, 2025. \xff</body></html>",
    b"<html><head><meta charset='utf-16'></head><body>\xff on November 10, 2025.</body></html>",
    b"<html><body><p>&#xD800;&#0; effective November 10, 2025.</p><![if !supportLists]></body></html>",
])
def test_odd_encodings_are_read_or_refused_in_one_line(tmp_path, data):
    _check(tmp_path, "page.html" if data.startswith(b"<html") else "a.txt", data)


@pytest.mark.parametrize("piece", ["Jan 1 ", "11月1日起實施", "第一季", "from 8 to ", "（", "On Jan 1 it began. ",
                                   "12:01" + " " * 30_000 + "November 10, 2025", "自" + "\u3000" * 30_000 + "即日起",
                                   "更新時間：" + " " * 30_000 + "\n", "1 am" + " " * 30_000])
def test_a_very_long_line_is_read_in_bounded_time(tmp_path, piece):
    """100 kB of one repeated piece: a process that answers (the guard is a hang guard, far above
    the second or so it takes; long runs of spaces once took minutes, through patterns with two
    `\\s*` side by side) with exit 0 and quotes that are the text's own."""
    article = tmp_path / "long.txt"
    article.write_text((piece * (100_000 // len(piece) + 1))[:100_000], encoding="utf-8")
    result = run("extract", article, "--date", "2025-11-10", "--json", timeout=300)
    out, err = text(result)
    assert result.returncode == 0, err[-2000:]
    body = article.read_text(encoding="utf-8")
    assert all(body[i["start"]:i["end"]] == i["quote"] for i in json.loads(out))
