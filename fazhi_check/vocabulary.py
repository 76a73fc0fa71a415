"""The vocabulary: the words (as patterns) that name the parts of a report and the lines of its head,
read from rules/vocabulary/*.yaml, extended by a rule pack's own, and compiled."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .literals import Lazy
from .literals import prepare as prepare_literals

KINDS = ("leadership", "measures", "shortcomings", "plan", "other")
KIND_LISTS = ("heading", "weak_heading", "body", "fold_sentence")
KIND_LABELS = ("label", "label_en", "short_label", "short_label_en")
#: the head's lists, each a union of patterns
HEAD_LISTS = (
    "title",
    "title_line",
    "title_genre",
    "cover_title",
    "doc_number",
    "speaker_line",
    "addressee",
    "salutation",
    "page_line",
    "formula",
    "run_in_title",
    "page_title",
    "organ",
    "title_issuer",
    "closing",
    "published_label",
    "plan_sentence",
    "plan_year_statement",
    "looking_back",
    "head_mark",
    "subject",
    "other_genre",
    "plan_genre",
    "other_field",
    "downward_addressee",
    "report_genre",
    "template",
    "personal",
    "news_opening",
    "news_source",
    "plan_heading",
    "notice_words",
    "list_entry",
)
#: lists whose patterns are tried one by one, in order (they name groups)
ORDERED_LISTS = ("title_issuer_prefix", "speaker_issuer")
_SPACE = re.compile(r"\s+|[【】*]")  # spaces ("主 要 举 措" from a PDF) and decoration around a heading
_NOTHING = r"(?!)"  # the union of no patterns: never matches
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def union(patterns: Iterable[str]) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` does (none: never matches)."""
    return re.compile(_union_source(patterns))


def _union_source(patterns: Iterable[str]) -> str:
    """The patterns joined as p1|p2|…, which matches as (?:p1)|(?:p2)|… does (each compiles alone),
    but where every alternative starts with a literal the search skips ahead in C to the characters
    they start with. Grouped where a pattern starts with global flags (they would set the rest's)."""
    patterns = list(patterns)
    if any(map(_GLOBAL_FLAGS.match, patterns)):
        return "|".join(f"(?:{p})" for p in patterns)
    return "|".join(patterns) or _NOTHING


class _Unions(dict):
    """The head lists' unions (literals.Lazy: each compiled where a line may hold a match of it; most
    files need only some of them, and compiling the rest would cost a run's start-up milliseconds)."""

    def __init__(self, lists: dict[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.lists = lists

    def __missing__(self, name: str) -> Lazy:
        if name not in self.lists:
            raise KeyError(name)
        self[name] = lazy = Lazy(_union_source(self.lists[name]))
        return lazy


def merge(base: dict, extra: dict) -> dict:
    """``base`` vocabulary data with a rule pack's ``extra`` added: its lists extend the base's, its
    numbers and labels replace them, and a kind marked ``replace: true`` replaces that kind's lists."""
    out = {**base, **{k: v for k, v in extra.items() if k not in (*HEAD_LISTS, *ORDERED_LISTS, "kinds")}}
    for key in (*HEAD_LISTS, *ORDERED_LISTS):
        out[key] = [*base.get(key, []), *extra.get(key, [])]
    kinds = {kind: dict(spec) for kind, spec in base.get("kinds", {}).items()}
    for kind, spec in extra.get("kinds", {}).items():
        mine = kinds.setdefault(kind, {})
        for key in KIND_LISTS:
            if key in spec:
                mine[key] = [*([] if spec.get("replace") else mine.get(key, [])), *spec[key]]
            elif spec.get("replace"):
                mine[key] = []
        mine.update({k: spec[k] for k in KIND_LABELS if k in spec})
    out["kinds"] = kinds
    return out


@dataclass(frozen=True)
class KindWords:
    """The words that name one kind of part: in a heading, weakly in a heading, in a body, in a sentence."""

    kind: str
    label: str
    label_en: str
    short_label: str
    short_label_en: str
    heading: re.Pattern
    weak_heading: re.Pattern
    body: re.Pattern
    fold_sentence: re.Pattern


@dataclass(frozen=True)
class Vocabulary:
    """Every kind's words, the head's patterns (HEAD_LISTS, each compiled as one union), and the
    ordered ones (ORDERED_LISTS, each a tuple of patterns, compiled when first tried)."""

    required: tuple[str, ...]
    kinds: dict[str, KindWords]
    patterns: dict[str, Lazy]
    ordered: dict[str, tuple[str, ...]]
    subject_per_mille: float
    thresholds: dict[str, int]  # personal_min, notice_min, template_min, list_min

    @classmethod
    def from_dict(cls, data: dict) -> Vocabulary:
        kinds = {
            kind: KindWords(
                kind,
                spec["label"],
                spec.get("label_en", kind),
                spec.get("short_label", spec["label"]),
                spec.get("short_label_en", kind),
                *(union(spec.get(key, ())) for key in KIND_LISTS),
            )
            for kind, spec in data["kinds"].items()
        }
        return cls(
            tuple(data["required"]),
            kinds,
            _Unions({key: tuple(data.get(key, ())) for key in HEAD_LISTS}),
            {key: tuple(data.get(key, ())) for key in ORDERED_LISTS},
            data["subject_per_mille"],
            {key: data.get(key, 1) for key in ("personal_min", "notice_min", "template_min", "list_min")},
        )

    def prepare(self) -> None:
        """Compile every head list and ordered list now (a batch does, before any file's budget starts)."""
        for lazy in map(self.patterns.__getitem__, HEAD_LISTS):
            prepare_literals(lazy.compiled())
        for patterns in self.ordered.values():
            for pattern in patterns:
                re.compile(pattern)

    def pattern(self, name: str) -> re.Pattern | Lazy:
        """The union of the head list ``name`` (HEAD_LISTS): ``pattern("organ")``, ``pattern("title")``…;
        once compiled, the compiled pattern itself (a batch's searches then go straight to it)."""
        lazy = self.patterns[name]
        return lazy.compiled_pattern or lazy

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

    def weak_kinds(self, title: str) -> tuple[str, ...]:
        """Kinds a heading hints at (``weak_heading``), whatever the body says."""
        title = _SPACE.sub("", title)
        return tuple(w.kind for w in self.kinds.values() if w.weak_heading.search(title))

    def fold_match(self, kind: str, text: str) -> re.Match | None:
        return self.kinds[kind].fold_sentence.search(text)

    def label(self, kind: str, lang: str = "zh") -> str:
        words = self.kinds.get(kind)
        if words is None:
            return kind
        return words.label_en if lang == "en" else words.label

    def short_label(self, kind: str, lang: str = "zh") -> str:
        words = self.kinds.get(kind)
        if words is None:
            return kind
        return words.short_label_en if lang == "en" else words.short_label

    def first_match(self, name: str, text: str) -> re.Match | None:
        """The match of the first pattern of the ordered list ``name`` that matches at ``text``'s start."""
        return next((m for p in self.ordered[name] if (m := re.match(p, text))), None)

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
