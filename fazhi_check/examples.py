"""A rule's pass/fail examples, run: the findings each gives, and which examples do not behave (a fail
example that gives no finding of its rule, a pass example that gives one). The tests, the rule pages
and ``--test-rules`` all run examples here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from .api import check_bytes
from .results import Finding
from .rulebook import Rule, RulePack

WAIVER_DAY = datetime.date(2026, 1, 1)  # the day a waiver example is judged on, so expiry dates stay put


@dataclass(frozen=True)
class Misbehaviour:
    """An example that does not behave: its rule, whether it is a pass or a fail example, its index."""

    rule: Rule
    key: str  # pass / fail
    index: int
    found: tuple[Finding, ...]

    def describe(self, lang: str = "zh") -> str:
        rule, n = self.rule, self.index + 1
        if self.key == "fail":
            if lang == "en":
                return f"{rule.source}: {rule.code}: fail example {n} gives no {rule.code} finding"
            return f"{rule.source}：{rule.code} 的第 {n} 个 fail 示例没有给出 {rule.code}"
        places = ", ".join(f"{f.line}:{f.column}" for f in self.found)
        if lang == "en":
            return f"{rule.source}: {rule.code}: pass example {n} gives {rule.code} at {places}"
        return f"{rule.source}：{rule.code} 的第 {n} 个 pass 示例给出了 {rule.code}（{places}）"


def findings_of(
    rule: Rule,
    text: str,
    pack: RulePack,
    *,
    year: int | None = None,
    published: str | datetime.date | None = None,
    waivers: str | None = None,
    encoding: str = "utf-8",
    data: bytes | None = None,
    path: str = "draft.txt",
    today: datetime.date = WAIVER_DAY,
) -> list[Finding]:
    """The findings of ``rule`` on an example: its text (or raw ``data``) checked with only that rule
    selected, or with every rule where a waiver file is judged against them all."""
    if isinstance(published, str):
        published = datetime.date.fromisoformat(published)
    raw = data if data is not None else text.encode(encoding)
    select = None if waivers is not None else [rule.code]
    result = check_bytes(raw, path=path, year=year, published=published, select=select, rules=pack)
    results = [result]
    if waivers is not None:
        from .waivers import apply_waivers, parse_waivers

        results = apply_waivers(results, parse_waivers(waivers, "waivers.yaml"), rule, today)
    return [f for r in results for f in r.findings if f.code == rule.code]


def example_findings(rule: Rule, example: dict, pack: RulePack) -> list[Finding]:
    """The findings of ``rule`` on one of its own examples (text, and optional year, published, waivers;
    with ``format``, the text as a Word draft laid out so: samples.gbt_docx)."""
    data, path = None, "draft.txt"
    if "format" in example:
        from .samples import gbt_docx

        data, path = gbt_docx(example["text"].rstrip("\n"), **example["format"]), "draft.docx"
    return findings_of(
        rule,
        example["text"],
        pack,
        year=example.get("year"),
        published=example.get("published"),
        waivers=example.get("waivers"),
        data=data,
        path=path,
    )


def misbehaving(rules: Iterable[Rule], pack: RulePack) -> list[Misbehaviour]:
    """Every example of ``rules`` that does not behave."""
    out = []
    for rule in rules:
        for key in ("pass", "fail"):
            for i, example in enumerate(rule.examples.get(key, ())):
                found = tuple(example_findings(rule, example, pack))
                if bool(found) != (key == "fail"):
                    out.append(Misbehaviour(rule, key, i, found))
    return out
