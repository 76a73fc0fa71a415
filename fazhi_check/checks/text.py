"""Check kinds that judge the text as text: whether it can be read, what it says, how it is typed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..numerals import chinese_number
from .base import Hit, Subject, check, section_at, whole_file

_WHITESPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。！？；!?;]+")
_COUNT = re.compile(r"(\d+)[ \t]*([个件起次人家项名场份所条户篇宗])")
_FILLER = "了达共计为有"
_RATE = re.compile(
    r"([\u4e00-\u9fff]{2})率[^\d%。,；;]{0,6}?(?:(\d+(?:\.\d+)?)[ \t]*%|(百分之[〇零一二三四五六七八九十百点]+))"
)
_HALFWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}


def _is_cjk(ch: str) -> bool:
    """A Chinese character or Chinese punctuation (not quotes: they wrap Latin too), which
    half-width punctuation must not touch."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "《》…—"


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE)


@check("unreadable", text_level=True)
def unreadable(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is not None:
        yield Hit(0, 0, {"reason": subject.error, "reason_en": subject.error_en or subject.error})


@check("empty", text_level=True)
def empty(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is None and subject.document is not None and not subject.document.lines:
        yield Hit(0, 0)


@check("not-annual-report", text_level=True)
def not_annual_report(subject: Subject, options: dict) -> Iterator[Hit]:
    if not subject.document.is_annual_report:
        yield Hit(*whole_file(subject.document))


@check("pattern", text_level=True)
def pattern(subject: Subject, options: dict) -> Iterator[Hit]:
    """Every match of the patterns in the normalised text (full-width ASCII folded), with an optional
    literal replacement as its fix."""
    doc = subject.document
    for m in _compiled(tuple(options["patterns"])).finditer(doc.normalized):
        if m.end() > m.start() or options.get("replacement") is not None:
            found = doc.text[m.start() : m.end()]
            yield Hit(m.start(), m.end(), {"found": found}, section_at(doc, m.start()), options.get("replacement"))


@check("repeated-passage", text_level=True)
def repeated_passage(subject: Subject, options: dict) -> Iterator[Hit]:
    """A run of ``min_chars`` or more characters (whitespace, line breaks and page numbers ignored)
    that the body has said before, verbatim; reported once, at the repeat, as long as the copies agree."""
    doc = subject.document
    size = options["min_chars"]
    offsets = [
        i for line in doc.body_lines() for i in range(line.start, line.end) if not line.text[i - line.start].isspace()
    ]
    chars = "".join(doc.normalized[i] for i in offsets)
    seen: dict[str, int] = {}
    i = 0
    while i + size <= len(chars):
        window = chars[i : i + size]
        j = seen.setdefault(window, i)
        if j + size > i:
            i += 1
            continue
        length = size
        while i + length < len(chars) and j + length < i and chars[j + length] == chars[i + length]:
            length += 1
        start, end = offsets[i], offsets[i + length - 1] + 1
        first_line = doc.index.position(offsets[j])[0]
        yield Hit(start, end, {"chars": length, "first_line": first_line}, section_at(doc, start))
        i += length


@check("rate-mismatch", text_level=True)
def rate_mismatch(subject: Subject, options: dict) -> Iterator[Hit]:
    """A rate named "<stem>率" whose stem labels exactly one count in the sentence ("出庭35个") and
    whose base is the only other count of the same unit ("开庭37个"); anything looser stays silent."""
    doc = subject.document
    for text, pieces in doc.paragraphs():
        for sentence in _SENTENCE.finditer(text):
            for rate, numerator, denominator in _rates(sentence.group()):
                stated, decimals = _percent(rate)
                if stated is None or not denominator:
                    continue
                computed = numerator * 100 / denominator
                if abs(computed - stated) >= options["tolerance"] * 10**-decimals:
                    start = doc.locate(pieces, sentence.start() + rate.start(2 if rate.group(2) else 3))
                    end = doc.locate(pieces, sentence.start() + rate.end() - 1) + 1
                    params = {
                        "stated": f"{stated:g}",
                        "computed": f"{computed:.{max(decimals, 1)}f}",
                        "numerator": numerator,
                        "denominator": denominator,
                    }
                    yield Hit(start, end, params, section_at(doc, start))


def _rates(sentence: str):
    """(rate match, numerator, denominator) for each rate whose counts can be told apart."""
    counts = []
    for m in _COUNT.finditer(sentence):
        before = sentence[: m.start()].rstrip(" \t")
        if before[-1:] and before[-1] in _FILLER:
            before = before[:-1]
        counts.append((before[-2:], int(m.group(1)), m.group(2)))
    for rate in _RATE.finditer(sentence):
        labelled = [c for c in counts if c[0] == rate.group(1)]
        if len(labelled) != 1:
            continue
        _, numerator, unit = labelled[0]
        bases = [c for c in counts if c is not labelled[0] and c[2] == unit and c[1] >= numerator]
        if len(bases) == 1:
            yield rate, numerator, bases[0][1]


def _percent(rate: re.Match) -> tuple[float | None, int]:
    """The stated percentage and its number of decimals: 95.3% -> (95.3, 1), 百分之九十五 -> (95.0, 0)."""
    if rate.group(2):
        digits = rate.group(2)
        return float(digits), len(digits.partition(".")[2])
    whole, _, fraction = rate.group(3).removeprefix("百分之").partition("点")
    value = 100 if whole in ("百", "一百") else chinese_number(whole)
    decimals = [chinese_number(c) for c in fraction]
    if value is None or None in decimals:
        return None, 0
    return value + sum(d * 10 ** -(k + 1) for k, d in enumerate(decimals)), len(decimals)


@check("halfwidth-punctuation", text_level=True)
def halfwidth_punctuation(subject: Subject, options: dict) -> Iterator[Hit]:
    """Half-width , ; : ( ) ? ! touching Chinese text: one hit per line, whose fix retypes the line
    (a bracket pair changes together)."""
    doc = subject.document
    for line in doc.lines:
        original = doc.text[line.start : line.end]
        convert = {
            i
            for i, ch in enumerate(original)
            if ch in _HALFWIDTH
            and ((i > 0 and _is_cjk(original[i - 1])) or (i + 1 < len(original) and _is_cjk(original[i + 1])))
        }
        if not convert:
            continue
        for opening, closing in _bracket_pairs(original):
            if opening in convert or closing in convert:
                convert |= {opening, closing}
        fixed = "".join(_HALFWIDTH[ch] if i in convert else ch for i, ch in enumerate(original))
        yield Hit(line.start, line.end, {"count": len(convert)}, section_at(doc, line.start), fixed)


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
    return pairs


@check("broken-line", text_level=True)
def broken_line(subject: Subject, options: dict) -> Iterator[Hit]:
    """A sentence broken across lines by extraction; the fix joins the two lines (the hit spans the
    last character before the break and the first after it)."""
    doc = subject.document
    for a, b in doc.broken_lines():
        start = a.start + len(a.text.rstrip()) - 1
        end = b.start + b.indent + 1
        gap = doc.text[start + 1 : end - 1]
        if gap.strip():
            continue  # something stands between (a page number): joining would delete it
        left, right = doc.text[start], doc.text[end - 1]
        joiner = " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""
        yield Hit(start, end, {"line": b.number}, section_at(doc, start), left + joiner + right)
