"""Numbers as reports write them: Chinese numerals, years (2024年, 2024 年, 二〇二四年) and dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from .literals import Lazy

_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d|(?:1 9|2 0) \d \d|[〇○零一二三四五六七八九]{4})[ \t]*年")
# A year that is one end of a range ("2021-2025年", "2021年至2025年") is not the year of anything.
_RANGE_BEFORE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})[ \t]*年?[ \t]*(?:-|—|–|~|～|至|到)[ \t]*$")
_RANGE_AFTER = re.compile(r"[ \t]*(?:-|—|–|~|～|至|到)[ \t]*(?:\d{4}|[〇○零一二三四五六七八九]{4})")
_DATE = re.compile(
    r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})[ \t]*年[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月"
    r"[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*日"
)
_NUMERIC_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"  # 2024-03-28, 2024/3/28, 2024年3月28日
_LOOSE_DATE = re.compile(_NUMERIC_DATE)
_TRAILING_DATE = re.compile(r"[ \t]*\(?" + _DATE.pattern + r"\)?[ \t]*$")
_OPEN_CLOSE = {"《": "》", "(": ")", "〔": "〕", "[": "]", "【": "】", "“": "”"}


@lru_cache(maxsize=4096)
def chinese_number(s: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23; digits pass through; None if not a number."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    if not s or any(c not in _DIGIT and c != "十" for c in s):
        return None
    if "十" not in s:
        return int("".join(str(_DIGIT[c]) for c in s)) if len(s) > 1 else _DIGIT[s]
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[ones] if ones else 0)


def to_chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三 (0..99); any other number in Arabic digits ("一二三是"
    reads as 123, and the item after it is expected as 124)."""
    digits = "〇一二三四五六七八九"
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass(frozen=True)
class YearMention:
    """A year written in the text: its value and the span of "2024年" (offsets into the same text)."""

    value: int
    start: int
    end: int


def years(text: str, base: int = 0) -> list[YearMention]:
    """Years named in ``text`` outside brackets and quotes, and not as part of a range; offsets + ``base``."""
    found = []
    for m in _YEAR.finditer(text):
        if _inside_brackets(text, m.start()):
            continue
        if _RANGE_BEFORE.search(text, 0, m.start()) or _RANGE_AFTER.match(text, m.end()):
            continue
        digits = m.group(1).replace(" ", "")
        value = int(digits) if digits.isdigit() else int("".join(str(_DIGIT[c]) for c in digits))
        found.append(YearMention(value, base + m.start(), base + m.end()))
    return found


def parse_date(text: str) -> datetime.date | None:
    """The first valid date written as 2025年2月14日 / 2025 年 2 月 14 日 / 二〇二五年二月十四日."""
    for m in _DATE.finditer(text):
        year, month, day = (chinese_number(g) for g in m.groups())
        if year is None or month is None or day is None:
            continue
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return None


def parse_published(text: str, label: re.Pattern | Lazy | None = None) -> datetime.date | None:
    """A publication date after ``label`` (the vocabulary's: "发布时间：2024-03-28 09:18",
    "发布日期:2024年3月28日"); without a label, the first such date (a meta tag's "2024-03-28 09:18")."""
    m = (_labelled(label.pattern) if label is not None else _LOOSE_DATE).search(text)
    if not m:
        return None
    try:
        return datetime.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _labelled(label: str) -> Lazy:
    return Lazy(f"(?:{label})" + r"\s*[:：]?\s*" + _NUMERIC_DATE)


def strip_trailing_date(text: str) -> str:
    """ "某某县司法局 2024年1月10日" -> "某某县司法局" (a 落款 with its date on the same line)."""
    if not _ends_like_a_date(text):
        return text  # the pattern is searched from every position: most lines end otherwise
    m = _TRAILING_DATE.search(text)
    return text[: m.start()].rstrip() if m and m.start() > 0 else text


def _ends_like_a_date(text: str) -> bool:
    """Whether ``text`` ends as _TRAILING_DATE must: 日 or 日), then spaces or tabs, at its end or
    before a line break that ends it (where ``$`` matches)."""
    for end in (text, text[:-1] if text.endswith("\n") else None):
        if end is not None and end.rstrip(" \t").endswith(("日", "日)")):
            return True
    return False


def _inside_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside an unclosed 《…》, (…), 〔…〕, […], 【…】 or “…” that opens before it."""
    depth: dict[str, int] = {}
    for ch in text[:pos]:
        if ch in _OPEN_CLOSE:
            depth[ch] = depth.get(ch, 0) + 1
        else:
            for o, c in _OPEN_CLOSE.items():
                if ch == c and depth.get(o):
                    depth[o] -= 1
    return any(depth.values())
