"""The heading markers (一、 （一） 1. （1）), inline items (一是) and numerals, as markers.lark writes them:
the one place they are defined. The outline grammar imports them from there; this module serves them
to everything else (the PDF reader, the run-in heading repair, enumerations), compiled."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .numerals import chinese_number

# markers.lark holds one terminal per line: NAME.PRIORITY: /regex/
_TERMINAL = re.compile(r"^(\w+)(?:\.\d+)?: /(.*)/$", re.MULTILINE)
_ENCLOSED_H2 = (0x3220, 0x3229)  # ㈠ … ㈩
_ENCLOSED_H4 = (0x2460, 0x2473)  # ① … ⑳
_ROMAN_H1 = (0x2160, 0x2169)  # Ⅰ … Ⅹ


@lru_cache(maxsize=1)
def sources() -> dict[str, str]:
    """Every terminal of markers.lark: name -> its regular expression."""
    from .datafiles import package_file

    return dict(_TERMINAL.findall(package_file("markers.lark").decode("utf-8")))


@cache
def pattern(name: str) -> re.Pattern:
    """The compiled terminal ``name`` (H1_MARK … H4_MARK, ENUMERATION, NUMERAL)."""
    return re.compile(sources()[name])


def numeral(marker: str) -> str:
    """The numeral a marker is written with: "第三部分" -> "三", "（12）" -> "12", "㈠" -> "㈠"."""
    found = pattern("NUMERAL").search(marker)
    return found.group() if found else ""


# each enclosed or Roman numeral character -> the number it gives
_ONE_CHARACTER = {
    chr(cp): cp - low + 1 for low, high in (_ENCLOSED_H2, _ENCLOSED_H4, _ROMAN_H1) for cp in range(low, high + 1)
}


def value(numeral: str) -> int | None:
    """The number a numeral gives: 三 -> 3, 12 -> 12, ㈡ -> 2, ③ -> 3, Ⅳ -> 4; None if it gives none."""
    found = _ONE_CHARACTER.get(numeral)
    if found is not None:
        return found
    return chinese_number(numeral) if numeral else None


def enclosed(numeral: str) -> bool:
    """Whether a level-2 numeral is one enclosed character (㈠), a style of its own."""
    return len(numeral) == 1 and _ENCLOSED_H2[0] <= ord(numeral) <= _ENCLOSED_H2[1]


@lru_cache(maxsize=1)
def heading_start() -> re.Pattern:
    """Any heading marker at the start of a (normalised) line."""
    return re.compile("|".join(f"(?:{sources()[f'H{level}_MARK']})" for level in range(5)))


@lru_cache(maxsize=1)
def run_in_h1() -> re.Pattern:
    """A level-1 marker right after a sentence end inside a line (a web copy that lost its line breaks:
    "…取得新成效。二、存在的不足"); the group ``marker`` starts the heading."""
    return re.compile(r"[。！？!?；;：:](?P<marker>" + sources()["H1_MARK"] + ")")


@lru_cache(maxsize=1)
def run_in_item() -> re.Pattern:
    """The first inline item run into a heading's line ("三、存在的不足一是…"): after four Chinese
    characters or a comma or colon, with at least ten characters after it."""
    first = sources()["FIRST_ITEM"]
    return re.compile(f"(?:{first})(?:(?<=[\\u4e00-\\u9fff]{{4}}{first})|(?<=[:：,，]{first}))(?=[^\\n]{{10}})")
