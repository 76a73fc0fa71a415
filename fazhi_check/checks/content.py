"""Check kinds that judge the text as text: whether it can be read and is a report at all, and what it says
(patterns such as placeholders, repeated passages, rates that disagree with their counts)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from ..numerals import chinese_number
from .base import Hit, Subject, check, section_at
from .patterns import union_matches
from .repeats import find_repeats

_SENTENCE = re.compile(r"[^。！？；!?;]+")
_RATE = re.compile(
    r"([\u4e00-\u9fff]{2})率[^\d%。,；;]{0,6}?(?:(\d+(?:\.\d+)?)[ \t]*%|(百分之[〇零一二三四五六七八九十百点]+))"
)
_NON_SPACE = re.compile(r"\S+")
_LEADING = "。！？；，、：.!?;,:"  # punctuation a repeat may start with by chance (both copies follow a sentence)
_CLAUSE_START = re.compile(r"[,，;；、:：]")


@check("unreadable", text_level=True, params=("reason", "reason_en"))
def unreadable(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is not None:
        yield Hit(0, 0, {"reason": subject.error, "reason_en": subject.error_en or subject.error})


@check("empty", text_level=True)
def empty(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is None and subject.document is not None and not subject.document.lines:
        yield Hit(0, 0)


@check("pattern", text_level=True, params=("found",))
def pattern(subject: Subject, options: dict) -> Iterator[Hit]:
    """Every match of the patterns in the normalised text (full-width ASCII folded), with an optional
    literal replacement as its fix; a web page's lines are no report text and are passed over."""
    doc = subject.doc
    for start, end in union_matches(tuple(options["patterns"]), doc.normalized):
        if (end > start or options.get("replacement") is not None) and not doc.on_page_line(start):
            found = doc.text[start:end]
            yield Hit(start, end, {"found": found}, section_at(doc, start), options.get("replacement"))


@check("repeated-passage", text_level=True, params=("chars", "first_line"))
def repeated_passage(subject: Subject, options: dict) -> Iterator[Hit]:
    """A run of ``min_chars`` or more characters (whitespace, line breaks and page numbers ignored)
    that the body has said before, verbatim; reported once, at the repeat, as long as the copies agree,
    from its first word (not the punctuation that happens to precede both copies)."""
    doc = subject.doc
    chars, origin = _body_chars(doc)
    for i, j, length in find_repeats(chars, options["min_chars"]):
        lead = len(chars[i : i + length]) - len(chars[i : i + length].lstrip(_LEADING))
        if length - lead >= options["min_chars"]:  # the sentence end before both copies is no part of it
            i, j, length = i + lead, j + lead, length - lead
        start, end = origin(i), origin(i + length - 1) + 1
        first_line = doc.index.position(origin(j))[0]
        yield Hit(start, end, {"chars": length, "first_line": first_line}, section_at(doc, start))


def _body_chars(doc):
    """The body's characters without whitespace, and a map from their indexes to offsets in the text
    (built on first use: most reports repeat nothing)."""
    lines = doc.body_lines()
    chars = "".join("".join(line.text.split()) for line in lines)
    table: list = []

    def origin(index: int) -> int:
        if not table:
            table.extend(_runs(doc.normalized, lines))
        offsets, starts = table
        k = bisect.bisect_right(starts, index) - 1
        return offsets[k] + index - starts[k]

    return chars, origin


def _runs(text: str, lines) -> tuple[list[int], list[int]]:
    """Where each run of non-space characters of the lines starts in ``text``, and where in their
    characters without whitespace: a line that is one run past its indent (most) is told by split()."""
    offsets, lengths = [], []
    for line in lines:
        segment = text[line.start : line.end]
        words = segment.split()
        if len(words) == 1:
            offsets.append(line.start + len(segment) - len(segment.lstrip()))
            lengths.append(len(words[0]))
        elif words:
            for m in _NON_SPACE.finditer(text, line.start, line.end):
                offsets.append(m.start())
                lengths.append(m.end() - m.start())
    return offsets, list(itertools.accumulate(lengths, initial=0))


@check("rate-mismatch", text_level=True, params=("stated", "computed", "numerator", "denominator"))
def rate_mismatch(subject: Subject, options: dict) -> Iterator[Hit]:
    """A rate named "<stem>率" whose stem labels exactly one count in the sentence ("出庭35个") and
    whose base is the only other count of the same unit ("开庭37个"); anything looser stays silent."""
    doc = subject.doc
    if "率" not in doc.normalized:
        return
    for text, pieces in doc.paragraphs():
        if "率" not in text:
            continue  # every rate names one
        for sentence in _SENTENCE.finditer(text):
            if "率" not in sentence.group():
                continue
            for rate, numerator, denominator in _rates(sentence.group(), options):
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


def _rates(sentence: str, options: dict):
    """(rate match, numerator, denominator) for each rate whose counts can be told apart. A count is a
    number and one of the options' ``units``; the rate "<stem>率" names the one count whose clause says
    the stem ("出庭35个", "实质性化解行政争议50件"; a ``filler`` such as 了 or 达 passed over), and its
    base is the only other count of the same unit that is not smaller."""
    rates = list(_RATE.finditer(sentence))
    if not rates:
        return  # the counts of a sentence that states no rate are not read
    counts = []
    for m in _counts(options["units"]).finditer(sentence):
        before = sentence[: m.start()].rstrip(" \t")
        if before[-1:] and before[-1] in options["fillers"]:
            before = before[:-1]
        clause = _CLAUSE_START.split(before)[-1]
        counts.append((before[-2:], clause, int(m.group(1)), m.group(2)))
    for rate in rates:
        stem = rate.group(1)
        labelled = [i for i, c in enumerate(counts) if c[0] == stem] or [
            i for i, c in enumerate(counts) if stem in c[1]
        ]
        if len(labelled) != 1:
            continue
        _, _, numerator, unit = counts[labelled[0]]  # by index: two counts may be equal tuples
        bases = [c for i, c in enumerate(counts) if i != labelled[0] and c[3] == unit and c[2] >= numerator]
        if len(bases) == 1:
            yield rate, numerator, bases[0][2]


@lru_cache(maxsize=8)
def _counts(units: str) -> re.Pattern:
    return re.compile(r"(\d+)[ \t]*([" + re.escape(units) + "])")


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
