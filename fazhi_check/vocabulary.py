"""The section vocabulary: compiled patterns that name the kinds of a report's parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

KINDS = ("leadership", "measures", "shortcomings", "plan", "other")
_SPACE = re.compile(r"\s+")


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def _first(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    hits = [m for m in (p.search(text) for p in patterns) if m]
    return min(hits, key=lambda m: (m.start(), -m.end())) if hits else None


@dataclass(frozen=True)
class KindWords:
    kind: str
    label: str
    label_en: str
    heading: tuple[re.Pattern, ...]
    weak_heading: tuple[re.Pattern, ...]
    body: tuple[re.Pattern, ...]
    fold_sentence: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Vocabulary:
    required: tuple[str, ...]
    kinds: dict[str, KindWords]
    organ: re.Pattern
    title: re.Pattern
    closing: re.Pattern

    @classmethod
    def from_dict(cls, data: dict) -> "Vocabulary":
        kinds = {
            kind: KindWords(
                kind,
                spec["label"],
                spec.get("label_en", kind),
                _compile(spec.get("heading", ())),
                _compile(spec.get("weak_heading", ())),
                _compile(spec.get("body", ())),
                _compile(spec.get("fold_sentence", ())),
            )
            for kind, spec in data["kinds"].items()
        }
        return cls(
            tuple(data["required"]),
            kinds,
            re.compile(data["organ"]),
            re.compile(data["title"]),
            re.compile(data["closing"]),
        )

    def heading_kinds(self, title: str) -> list[str]:
        """Kinds a heading names outright, in the order they appear; overlapping mentions count once.
        Spaces do not count ("主 要 举 措" from a PDF is "主要举措")."""
        title = _SPACE.sub("", title)
        hits = []
        for words in self.kinds.values():
            m = _first(words.heading, title)
            if m:
                hits.append((m.start(), -m.end(), words.kind, m.end()))
        hits.sort()
        kinds, last_end = [], -1
        for start, _, kind, end in hits:
            if start >= last_end:
                kinds.append(kind)
                last_end = end
        return kinds

    def weak_kind(self, title: str, body: str) -> str | None:
        """A kind the heading hints at and the body confirms (湖滨区's part 一)."""
        title = _SPACE.sub("", title)
        for words in self.kinds.values():
            if _first(words.weak_heading, title) and _first(words.body, body):
                return words.kind
        return None

    def fold_match(self, kind: str, text: str) -> re.Match | None:
        return _first(self.kinds[kind].fold_sentence, text)

    def label(self, kind: str, lang: str = "zh") -> str:
        words = self.kinds.get(kind)
        if words is None:
            return kind
        return words.label_en if lang == "en" else words.label
