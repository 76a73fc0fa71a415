"""The one way a report is checked: build its document, select the rules, run their check kinds, stamp
code, name, severity and message onto each hit, sort, and hand back a Result."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Iterable
from dataclasses import replace

from .budget import ticking
from .checks import BATCH_CHECKS, CHECKS, RUN_WITHOUT_TEXT, TEXT_CHECKS, Hit, Subject
from .checks.genre import why_not
from .checks.patterns import PatternTimeout
from .checks.patterns import prepare as prepare_patterns
from .document import build_document
from .positions import MappedIndex
from .read import ReadError, Source
from .results import Facts, Finding, Fix, Result, built
from .rulebook import Rule, RulePack

UNIGNORABLE = "FZ001"
QUOTE = 16  # characters of a Word paragraph quoted in its findings (Word shows no paragraph numbers)
CONTEXT = 10  # characters either side of a finding kept as its context


class SelectionError(ValueError):
    """A --select/--ignore entry names no rule (``selector``)."""

    def __init__(self, selector: str) -> None:
        super().__init__(f"no rule matches '{selector}'")
        self.selector = selector


def _matches(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    return s.upper() == "ALL" or rule.code.startswith(s.upper()) or s in (rule.name, rule.group)


_SELECTED: dict[tuple, tuple[RulePack, tuple[Rule, ...]]] = {}  # a batch selects the same way per file


def select_rules(
    pack: RulePack,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Rule, ...]:
    """Rules to run: codes, code prefixes (FZ2), names or groups; FZ001 is always kept."""
    select = None if select is None else tuple(select)
    extend_select, ignore = tuple(extend_select or ()), tuple(ignore or ())
    key = (id(pack), select, extend_select, ignore)
    known = _SELECTED.get(key)
    if known is not None and known[0] is pack:
        return known[1]
    chosen = _select(pack, select, extend_select, ignore)
    if len(_SELECTED) >= 64:
        _SELECTED.clear()
    _SELECTED[key] = (pack, chosen)
    return chosen


def _select(pack: RulePack, select, extend_select, ignore) -> tuple[Rule, ...]:
    rules = pack.rules
    for selector in [*(select or ()), *(extend_select or ()), *(ignore or ())]:
        if selector.strip() and not any(_matches(r, selector) for r in rules):
            raise SelectionError(selector)
    chosen = {r.code for r in rules if (any(_matches(r, s) for s in select) if select else r.enabled)}
    chosen |= {r.code for r in rules if any(_matches(r, s) for s in extend_select or ())}
    chosen -= {r.code for r in rules if any(_matches(r, s) for s in ignore or ()) and r.code != UNIGNORABLE}
    chosen.add(UNIGNORABLE)
    return tuple(r for r in rules if r.code in chosen)


_SORT_KEY = operator.attrgetter("line", "column", "code")  # Finding.sort_key, read in C


class _Params(dict):
    """Message parameters; an unknown placeholder prints as itself rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run_rules(subject: Subject, rules: Iterable[Rule], lang: str = "zh") -> tuple[Finding, ...]:
    """Every finding of ``rules`` on ``subject``, sorted by line, column, code."""
    doc = subject.document
    has_text = subject.error is None and doc is not None and bool(doc.lines)
    findings = []
    with ticking():  # the patterns' deadlines inside cost no system call each
        for rule in rules:
            if rule.check in BATCH_CHECKS:
                continue  # judged over a whole run, not one document
            if not has_text and rule.check not in RUN_WITHOUT_TEXT:
                continue
            if not subject.is_report and rule.check not in TEXT_CHECKS:
                continue  # structure rules judge reports; FZ003 says once that this is none
            try:
                hits = list(CHECKS[rule.check](subject, rule.options))
            except PatternTimeout as e:
                findings.append(_timed_out(rule, e, lang))
                continue
            findings.extend(_stamp(rule, hit, subject, lang) for hit in hits)
    return tuple(sorted(findings, key=_SORT_KEY))


def prepare(pack: RulePack) -> None:
    """Build now what checking builds the first time it needs it (the vocabulary's patterns, the rules'
    patterns and their literals): a batch does, before any file's budget starts."""
    pack.vocabulary.prepare()
    for rule in pack.rules:
        prepare_patterns(rule.options, rule.check)


def _timed_out(rule: Rule, e: PatternTimeout, lang: str) -> Finding:
    """The rule's own finding that its patterns ran out of time on this file (it could not judge it)."""
    pattern = e.patterns[0] if len(e.patterns) == 1 else " | ".join(e.patterns)
    if lang == "en":
        text = f"rule {rule.code}'s pattern ran over {e.seconds:g} s and was stopped: {pattern}"
    else:
        text = f"规则 {rule.code} 的正则表达式运行超过 {e.seconds:g} 秒，已停止，本文件未按该规则检查：{pattern}"
    return Finding(rule.code, rule.name, "error", text, 1, 1, 1, 1, references=rule.references)


def message(rule: Rule, params: dict, lang: str = "zh") -> str:
    """The rule's message in ``lang`` with ``params`` filled in."""
    return _template(rule, lang).format_map(_Params(params))


def _template(rule: Rule, lang: str) -> str:
    return rule.message_en if lang == "en" and rule.message_en else rule.message


def _stamp(rule: Rule, hit: Hit, subject: Subject, lang: str) -> Finding:
    doc = subject.document
    params = _Params(hit.params)
    template = _template(rule, lang)
    if hit.section and doc is not None and "{label" in template:  # (most messages name no part)
        params.setdefault("label", doc.vocabulary.label(hit.section))
        params.setdefault("label_en", doc.vocabulary.label(hit.section, "en"))
    if doc is None:
        line, column, end_line, end_column, evidence, context = 1, 1, 1, 1, None, None
    else:
        line, column = doc.index.position(hit.start)
        end_line, end_column = doc.index.end_position(hit.end) if hit.end > hit.start else (line, column)
        evidence = doc.text[hit.start : hit.end] or None
        context = _context(doc.text, hit.start, hit.end) if evidence else None
    fix = None
    if hit.replacement is not None and (doc is None or doc.index.verbatim(hit.start, hit.end)):
        fix = built(Fix, line, column, end_line, end_column, hit.replacement, rule.fix_safety == "safe")
    return built(  # every field, in order: a finding is stamped for every hit
        Finding,
        rule.code,
        rule.name,
        rule.severity,
        template.format_map(params),
        line,
        column,
        end_line,
        end_column,
        hit.section,
        evidence,
        rule.references,
        fix,
        None,  # paragraph
        None,  # page
        context,
    )


def _context(text: str, start: int, end: int) -> str:
    """The span with up to CONTEXT characters either side, not crossing a line end (found within the
    window only, so a long line costs no more than a short one)."""
    low = start - CONTEXT if start > CONTEXT else 0
    context = text[low : end + CONTEXT]
    if "\n" not in context and "\r" not in context:  # (most findings' windows): nothing to cut
        return context
    low = max(low, text.rfind("\n", low, start) + 1, text.rfind("\r", low, start) + 1)
    high = min(len(text), end + CONTEXT)
    for brk in ("\n", "\r"):
        at = text.find(brk, end, high)
        if at >= 0:
            high = at
    context = text[low:high]
    return context.replace("\r\n", "\n").replace("\r", "\n") if "\r" in context else context


def check(
    source: Source | ReadError,
    path: str,
    pack: RulePack,
    *,
    year: int | None = None,
    published: datetime.date | None = None,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    lang: str = "zh",
) -> Result:
    """Check one input: what a reader made of it (or why it could not), under ``path``."""
    rules = select_rules(pack, select, extend_select, ignore)
    if isinstance(source, ReadError):
        return Result(path, None, None, run_rules(Subject(None, source.reason, source.reason_en), rules, lang))
    index = None
    if source.offsets:
        assert source.original is not None  # the offsets map the text into it
        index = MappedIndex(source.text, source.original, source.offsets)
    given, where = (published, "option") if published else (source.published, source.published_source)
    doc = build_document(source.text, pack.vocabulary, year, given, index, where)
    not_report = why_not(doc) if doc.lines else "no_subject"  # (no rule but FZ002 runs on a text without lines)
    is_report = not_report is None
    findings = run_rules(Subject(doc, not_report=not_report, layout=source.layout), rules, lang)
    if source.paragraphs:
        lines = source.text.split("\n")
        findings = tuple(replace(f, paragraph=_quote(lines[f.line - 1])) for f in findings)
    if source.pages:
        findings = tuple(replace(f, page=source.pages[min(f.line, len(source.pages)) - 1]) for f in findings)
    return Result(path, source.encoding, doc, findings, facts=Facts.of(doc, is_report))


def _quote(paragraph: str) -> str:
    paragraph = paragraph.strip()
    return paragraph if len(paragraph) <= QUOTE else paragraph[:QUOTE] + "…"
