"""What each part is about (its kind: measures, shortcomings, leadership, plan, other) and where a
required kind without a part of its own is covered instead (a fold, FZ106). Read this module and
rules/vocabulary/sections.yaml to see why a part is, say, the plan; `fazhi-check --outline` shows it."""

from __future__ import annotations

from ..vocabulary import Vocabulary
from .lines import locate, without_cited
from .model import Fold, Part


def classify(parts: list[Part], vocabulary: Vocabulary) -> tuple[Part, ...]:
    """Kinds from headings, then weak headings confirmed by the body, then position: unnamed parts
    before the shortcomings (or the plan) are measures; without a named plan, the part right after
    the shortcomings is the plan when unnamed or named like measures; unnamed parts after the plan
    are other."""
    out = []
    for part in parts:
        kinds = vocabulary.heading_kinds(part.heading.title)
        if kinds:
            out.append(part.classified(kinds[0], "heading", tuple(kinds[1:2])))
            continue
        weak = vocabulary.weak_kind(part.heading.title, without_cited(part.body_text))
        out.append(part.classified(weak, "body") if weak else part)
    later = [i for i, p in enumerate(out) if p.covers("shortcomings") or p.covers("plan")]
    boundary = later[0] if later else len(out)
    plan_at = next((i for i, p in enumerate(out) if p.covers("plan")), None)
    after = later[-1] + 1 if later else len(out)
    if (
        plan_at is None
        and after < len(out)
        and (out[after].kind is None or (out[after].kind == "measures" and out[after].year))
    ):
        plan_at = after  # the part right after the shortcomings, unnamed or "2025年主要工作", is the plan
        out[plan_at] = out[plan_at].classified("plan", "position")
    plan_at = len(out) if plan_at is None else plan_at
    for i, part in enumerate(out):
        if part.kind is None and i < boundary:
            out[i] = part.classified("measures", "position")
        elif part.kind is None and i > plan_at:
            out[i] = part.classified("other", "position")
    return tuple(out)


def folds(parts: tuple[Part, ...], vocabulary: Vocabulary) -> tuple[Fold, ...]:
    """Required kinds without a part: a sub-heading that names them, else a sentence (FZ106)."""
    found = []
    for kind in vocabulary.required:
        if not any(p.covers(kind) for p in parts):
            fold = _folded_subheading(kind, parts, vocabulary) or _folded_sentence(kind, parts, vocabulary)
            if fold:
                found.append(fold)
    return tuple(found)


def _folded_subheading(kind: str, parts: tuple[Part, ...], vocabulary: Vocabulary) -> Fold | None:
    for part in parts:
        for sub in part.subheadings:
            if kind in vocabulary.heading_kinds(sub.title):
                return Fold(kind, "subheading", sub.line.number, sub.marker_start, sub.end)
    return None


def _folded_sentence(kind: str, parts: tuple[Part, ...], vocabulary: Vocabulary) -> Fold | None:
    """The first sentence naming the kind, also where extraction broke it across lines."""
    for part in parts:
        for text, pieces in part.paragraphs:
            m = vocabulary.fold_match(kind, without_cited(text))
            if m:
                line, start = locate(pieces, m.start())
                return Fold(kind, "sentence", line.number, start, locate(pieces, m.end() - 1)[1] + 1)
    return None
