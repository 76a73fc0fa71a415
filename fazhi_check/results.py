"""What a check gives: findings (stamped with the rule's code, name and severity), and for each input a
Result: its document, the facts the reports need, its findings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields, replace

from .document import Document

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Fix:
    """A mechanical edit: replace the span with ``replacement`` (1-based, end exclusive). ``safe`` fixes
    change typography only and ``--fix`` applies them; an unsafe one (a year) is shown, never applied."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str
    safe: bool = True

    def to_dict(self) -> dict:
        return dict(vars(self))  # the fields in order (dataclasses.asdict deep-copies: 10x slower)


@dataclass(frozen=True)
class Finding:
    """One problem found: the rule that found it, where (1-based, end exclusive), what it says."""

    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    section: str | None = None
    evidence: str | None = None
    references: tuple[str, ...] = ()
    fix: Fix | None = None
    paragraph: str | None = None  # a Word paragraph's first characters: Word shows no paragraph numbers
    page: int | None = None  # a PDF's page
    context: str | None = None  # the finding's text with a few characters either side, on its line

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The finding as OUTPUT.md's JSON shows it: every key present, null where empty."""
        fix = self.fix.to_dict() if self.fix else None
        return {**vars(self), "references": list(self.references), "fix": fix}


_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in (Fix, Finding)}
TYPE_CHECKING = False  # (typing costs a run's start-up 2 ms)
if TYPE_CHECKING:
    from typing import TypeVar

    _T = TypeVar("_T", Fix, Finding)


def built(cls: type[_T], *values) -> _T:
    """A Fix or Finding from all its fields' values, in order: what its __init__ makes, without setting
    the frozen fields one by one (3x faster, and a report may have thousands of findings)."""
    made = object.__new__(cls)
    made.__dict__.update(zip(_FIELDS[cls], values, strict=True))
    return made


@dataclass(frozen=True)
class Section:
    """A level-1 part as the JSON reports it: kind, the heading's original text, line, numeral, year."""

    kind: str | None
    also: tuple[str, ...]
    heading: str
    line: int
    numeral: str | None
    year: int | None

    def to_dict(self) -> dict:
        return {**vars(self), "also": list(self.also)}


@dataclass(frozen=True)
class Facts:
    """What a checked report says about itself: all the reports and tables need once its document is
    let go (a batch keeps these, not every file's text and outline)."""

    title: str | None
    report_year: int | None
    report_year_source: str | None
    issuer: str | None
    date: datetime.date | None
    published: datetime.date | None
    published_source: str | None
    plan_year: int | None
    sections: tuple[Section, ...]
    parts: dict[str, str]  # kind -> present / folded / missing; empty where no report can be judged
    is_report: bool = False  # the text reads as an annual report (else FZ003)

    @classmethod
    def of(cls, doc: Document, is_report: bool) -> Facts:
        """The facts of ``doc``; its parts are judged only where it is a report."""
        folded = {f.kind for f in doc.folds}
        covered = {kind for p in doc.parts for kind in (p.kind, *p.also)}  # the kinds doc.part_of finds
        parts = {
            kind: "present" if kind in covered else "folded" if kind in folded else "missing"
            for kind in doc.vocabulary.kinds
        }
        return cls(
            title=doc.title.written if doc.title else None,
            report_year=doc.report_year,
            report_year_source=doc.report_year_source,
            issuer=doc.issuer,
            date=doc.date,
            published=doc.published,
            published_source=doc.published_source,
            plan_year=doc.plan_year.value if doc.plan_year else None,
            sections=tuple(
                Section(
                    kind=p.kind,
                    also=p.also,
                    heading=doc.heading_text(p.heading),
                    line=p.heading.line.number,
                    numeral=p.heading.numeral,
                    year=p.year.value if p.year else None,
                )
                for p in doc.parts
            ),
            parts=parts if is_report else {},
            is_report=is_report,
        )


@dataclass(frozen=True)
class Result:
    """The outcome for one input: its outline (document), what it says about itself (facts) and its
    findings. ``detached()`` lets the document go and keeps the rest."""

    path: str
    encoding: str | None
    document: Document | None
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...] = ()  # findings a waiver accepted: out of the report, counted in the summary
    waiver_file: bool = False  # a waiver file's own findings (FZ004), not a checked report
    facts: Facts | None = None  # None where there is no document

    def detached(self) -> Result:
        """This result without its document (text and outline): what a large batch keeps."""
        return replace(self, document=None)

    @property
    def text(self) -> str | None:
        """The text that positions count in: the file's own (a Markdown file with its markup), a Word
        document's paragraphs, a PDF's re-flowed lines."""
        doc = self.document
        if doc is None:
            return None
        return getattr(doc.index, "original_text", doc.text)

    @property
    def report_year(self) -> int | None:
        return self.facts.report_year if self.facts else None

    @property
    def title(self) -> str | None:
        return self.facts.title if self.facts else None

    @property
    def sections(self) -> tuple[Section, ...]:
        return self.facts.sections if self.facts else ()

    def to_dict(self) -> dict:
        facts = self.facts
        return {
            "path": self.path,
            "report_year": self.report_year,
            "title": self.title,
            "report_year_source": facts.report_year_source if facts else None,
            "encoding": self.encoding,
            "issuer": facts.issuer if facts else None,
            "date": facts.date.isoformat() if facts and facts.date else None,
            "published": facts.published.isoformat() if facts and facts.published else None,
            "published_source": facts.published_source if facts else None,
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.findings],
            "waived": len(self.waived),
        }
