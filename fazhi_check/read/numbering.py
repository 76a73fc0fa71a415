"""numbering.xml as Word draws it: the numeral before a paragraph ("一、", "（二）", "1.") from its list
and level: style-linked numbering (pStyle, basedOn, numStyleLink/styleLink), lvlOverride (a start
value or a whole w:lvl), lvlRestart, isLgl and the suffix after the numeral. Every loop and every
string is bounded, whatever the file says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..numerals import to_chinese_number
from .styles import Styles, W, is_on, small_int, val

LEVELS = 9  # ilvl 0..8; any other level draws nothing
MAX_VALUE = 32767  # Word's largest list value
MAX_LEVEL_TEXT = 32  # characters of a level text used (Word's own are a few)
MAX_MARKER = 24  # characters of a drawn numeral (Word's own are a few)
MAX_LINKS = 4  # numStyleLink hops
_PLACEHOLDER = re.compile(r"%([1-9])")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_UPPER_CN = "零壹贰叁肆伍陆柒捌玖"
# numFmts that count 一 二 … 十 十一 (Word and LibreOffice write different ones for the same numerals)
_COUNTING = {
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "japaneseCounting",
}


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    style: str | None = None
    restart: int | None = None  # lvlRestart: None restarts after any higher level, 0 never
    legal: bool = False  # isLgl: every level's number in Arabic numerals
    ppr: Any | None = None  # the level's w:pPr (indentation of numbered paragraphs)


@dataclass
class _List:
    levels: dict[int, Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * LEVELS)


def _level(lvl) -> Level:
    start = small_int(val(lvl, "start"), 0, MAX_VALUE)
    restart = small_int(val(lvl, "lvlRestart"), 0, LEVELS)
    return Level(
        start if start is not None else 1,
        val(lvl, "numFmt") or "decimal",
        (val(lvl, "lvlText") or "")[:MAX_LEVEL_TEXT],
        {"space": " ", "nothing": ""}.get(val(lvl, "suff") or "", "\t"),
        val(lvl, "pStyle"),
        restart,
        bool(is_on(lvl.find(W + "isLgl"))),
        lvl.find(W + "pPr"),
    )


def _levels(node) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in node.findall(W + "lvl"):
        ilvl = small_int(lvl.get(W + "ilvl"), 0, LEVELS - 1)
        if ilvl is not None:
            levels.setdefault(ilvl, _level(lvl))
    return levels


class Numbering:
    """Which list and level a paragraph is in, and the counters as Word keeps them."""

    def __init__(self, root, styles: Styles) -> None:
        self.styles = styles
        self.abstracts = (
            {n.get(W + "abstractNumId"): n for n in root.iter(W + "abstractNum")} if root is not None else {}
        )
        self.nums = {n.get(W + "numId"): n for n in root.iter(W + "num")} if root is not None else {}
        self.lists: dict[str, _List | None] = {}
        self.shared: dict[str, _List] = {}

    def _abstract(self, num) -> tuple[str | None, object | None]:
        """The abstractNum that carries a num's levels, through numStyleLink -> numbering style ->
        num -> abstractNum (with w:styleLink)."""
        key = val(num, "abstractNumId")
        node = self.abstracts.get(key)
        for _ in range(MAX_LINKS):
            link = val(node, "numStyleLink") if node is not None else None
            if link is None:
                break
            linked_num = self.nums.get(self.styles.numbering(link)[0] or "")
            if linked_num is None:
                break
            key = val(linked_num, "abstractNumId")
            node = self.abstracts.get(key)
        return key, node

    def _list(self, num_id: str) -> _List | None:
        if num_id in self.lists:
            return self.lists[num_id]
        num = self.nums.get(num_id)
        target = None
        if num is not None:
            key, node = self._abstract(num)
            levels = _levels(node) if node is not None else {}
            overrides = num.findall(W + "lvlOverride")
            for override in overrides:
                ilvl = small_int(override.get(W + "ilvl"), 0, LEVELS - 1)
                if ilvl is None:
                    continue
                whole = override.find(W + "lvl")
                level = _level(whole) if whole is not None else levels.get(ilvl)
                start = small_int(val(override, "startOverride"), 0, MAX_VALUE)
                if level is not None:
                    levels[ilvl] = replace(level, start=start) if start is not None else level
            # lists of one abstract definition share their counters unless they restart them
            target = _List(levels) if overrides else self.shared.setdefault(key or "", _List(levels))
        self.lists[num_id] = target
        return target

    def numbering_of(self, ppr, style: str | None) -> tuple[_List, Level, int] | None:
        """The list and level of a paragraph (its own w:numPr, else its style's)."""
        num = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = (val(num, "numId"), small_int(val(num, "ilvl"))) if num is not None else (None, None)
        style_num, style_ilvl = self.styles.numbering(style)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0":
            return None
        target = self._list(num_id)
        if target is None:
            return None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = next((k for k, level in target.levels.items() if style and level.style == style), 0)
        level = target.levels.get(ilvl) if 0 <= ilvl < LEVELS else None
        return (target, level, ilvl) if level is not None else None

    def marker(self, found: tuple[_List, Level, int] | None) -> str:
        """The numeral Word draws before a paragraph in list and level ``found`` (numbering_of) with
        its suffix, or ""; the counters move on."""
        if found is None:
            return ""
        target, level, ilvl = found
        counters = target.counters
        counters[ilvl] = level.start if (count := counters[ilvl]) is None else min(count + 1, MAX_VALUE)
        for deeper in range(ilvl + 1, LEVELS):
            restart = target.levels[deeper].restart if deeper in target.levels else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        out, size = [], 0
        for literal, k in _template(level.text):
            if k is None:
                out.append(literal)
                break
            shown = target.levels.get(k, level)
            value = count if (count := counters[k]) is not None else shown.start
            piece = literal + _format(value, "decimal" if level.legal and k != ilvl else shown.fmt)
            out.append(piece)
            size += len(piece)
            if size >= MAX_MARKER:
                break
        return "".join(out)[:MAX_MARKER] + level.suffix


@lru_cache(maxsize=256)
def _template(text: str) -> tuple[tuple[str, int | None], ...]:
    """A level text as (literal, level index) pairs, the last literal with None; at most MAX_MARKER
    pairs, since each numeral is at least one character."""
    pieces, at = [], 0
    for m in _PLACEHOLDER.finditer(text):
        pieces.append((text[at : m.start()], int(m.group(1)) - 1))
        at = m.end()
        if len(pieces) >= MAX_MARKER:
            return tuple(pieces)
    return (*pieces, (text[at:], None))


def _format(n: int, fmt: str) -> str:
    """A counter in a numFmt of WordprocessingML."""
    if fmt in _COUNTING:
        return to_chinese_number(n)
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3220 + n - 1)  # ㈠
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified" and 0 <= n < 10:
        return _UPPER_CN[n]
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26 * MAX_MARKER:  # a .. z, aa .. zz, …
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


_ROMAN: tuple[tuple[int, str], ...]
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
_ROMAN += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
