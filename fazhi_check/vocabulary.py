"""The section vocabulary: compiled patterns that name the kinds of a report's parts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("leadership", "measures", "shortcomings", "plan", "other")
_SPACE = re.compile(r"\s+")
_NOTHING = re.compile(r"(?!)")


def _union(patterns: Iterable[str]) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` does (none: never matches)."""
    patterns = list(patterns)
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else _NOTHING


@dataclass(frozen=True)
class KindWords:
    """The words that name one kind of part: in a heading, weakly in a heading, in a body, in a sentence."""

    kind: str
    label: str
    label_en: str
    heading: re.Pattern
    weak_heading: re.Pattern
    body: re.Pattern
    fold_sentence: re.Pattern


@dataclass(frozen=True)
class Vocabulary:
    """Every kind's words, and the patterns for organs, titles, closings, plans and the subject."""

    required: tuple[str, ...]
    kinds: dict[str, KindWords]
    organ: re.Pattern
    title: re.Pattern
    closing: re.Pattern
    plan_sentence: re.Pattern
    subject: re.Pattern
    subject_per_mille: float
    title_issuer: re.Pattern

    @classmethod
    def from_dict(cls, data: dict) -> Vocabulary:
        kinds = {
            kind: KindWords(
                kind,
                spec["label"],
                spec.get("label_en", kind),
                _union(spec.get("heading", ())),
                _union(spec.get("weak_heading", ())),
                _union(spec.get("body", ())),
                _union(spec.get("fold_sentence", ())),
            )
            for kind, spec in data["kinds"].items()
        }
        return cls(
            tuple(data["required"]),
            kinds,
            re.compile(data["organ"]),
            re.compile(data["title"]),
            re.compile(data["closing"]),
            re.compile(data["plan_sentence"]),
            re.compile(data["subject"]),
            data["subject_per_mille"],
            re.compile(data["title_issuer"]),
        )

    def heading_kinds(self, title: str) -> tuple[str, ...]:
        """Kinds a heading names outright, in the order they appear; overlapping mentions count once.
        Spaces do not count ("主 要 举 措" from a PDF is "主要举措")."""
        return _heading_kinds(self, _SPACE.sub("", title))

    def weak_kind(self, title: str, body: str) -> str | None:
        """A kind the heading hints at and the body confirms (湖滨区's part 一)."""
        title = _SPACE.sub("", title)
        for words in self.kinds.values():
            if words.weak_heading.search(title) and words.body.search(body):
                return words.kind
        return None

    def fold_match(self, kind: str, text: str) -> re.Match | None:
        return self.kinds[kind].fold_sentence.search(text)

    def label(self, kind: str, lang: str = "zh") -> str:
        words = self.kinds.get(kind)
        if words is None:
            return kind
        return words.label_en if lang == "en" else words.label

    __hash__ = object.__hash__  # identity: a vocabulary is built once per rule pack


@lru_cache(maxsize=4096)
def _heading_kinds(vocabulary: Vocabulary, title: str) -> tuple[str, ...]:
    hits = []
    for words in vocabulary.kinds.values():
        m = words.heading.search(title)
        if m:
            hits.append((m.start(), -m.end(), words.kind))
    kinds, last_end = [], -1
    for start, neg_end, kind in sorted(hits):
        if start >= last_end:
            kinds.append(kind)
            last_end = -neg_end
    return tuple(kinds)
