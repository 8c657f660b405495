"""A same-length normal form of the text, so that one set of patterns reads
Traditional and Simplified Chinese alike and every match keeps its offsets.

Only the characters the patterns look at are mapped (Traditional → Simplified,
full-width digits and letters → ASCII); each maps to exactly one character, so
position i of the normal form is position i of the input.  OpenCC would convert
more, but phrase conversions may change lengths, and it costs about 35 ms to load.
"""

from __future__ import annotations

_TRADITIONAL = "週時點後將於計劃畫預與暫內個兩屆開結實發佈務會議訪華國為決稅關來從這臺灣東當鐘據幾間號電裡續條約遲擬過協談則執對終現許應調禮長滿簽問緩採購復韓訂繼緒歲週曆屆陸統總價恢頒佈準啟運貨進擴錄製頭舉辦選歐聯邊樣區門場報導銷遞讓說還達網級處職題維護響貿財習衛機項產業術設備輔隨釜尋爭諾"
_SIMPLIFIED = "周时点后将于计划画预与暂内个两届开结实发布务会议访华国为决税关来从这台湾东当钟据几间号电里续条约迟拟过协谈则执对终现许应调礼长满签问缓采购复韩订继绪岁周历届陆统总价恢颁布准启运货进扩录制头举办选欧联边样区门场报导销递让说还达网级处职题维护响贸财习卫机项产业术设备辅随釜寻争诺"
assert len(_TRADITIONAL) == len(_SIMPLIFIED)

_TABLE: dict[int, int | str] = {ord(t): s for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if t != s}
_TABLE |= {0xFF10 + i: ord("0") + i for i in range(10)}  # ０-９
_TABLE |= {0xFF21 + i: ord("A") + i for i in range(26)} | {0xFF41 + i: ord("a") + i for i in range(26)}
_TABLE |= {ord("："): ":", ord("（"): "(", ord("）"): ")", ord("，"): ",", ord("；"): ";", ord("～"): "~",
           ord("－"): "-", ord("\u00a0"): " ", ord("\u3000"): " ", ord("–"): "-", ord("—"): "-"}

# Characters that tell the scripts apart, for guessing the language.
HANT_ONLY = set(_TRADITIONAL) - set(_SIMPLIFIED)
HANS_ONLY = set(_SIMPLIFIED) - set(_TRADITIONAL)


def normal(text: str) -> str:
    """The text in the patterns' alphabet, character for character."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


def guess_language(text: str) -> str:
    """zh-Hant, zh-Hans or en, by the script most of the text is written in."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if han == 0 or latin > 4 * han:
        return "en"
    hant = sum(1 for c in text if c in HANT_ONLY)
    hans = sum(1 for c in text if c in HANS_ONLY)
    return "zh-Hant" if hant >= hans and hant else "zh-Hans" if hans else "zh-Hant"
