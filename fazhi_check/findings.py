"""Findings: what a rule reports, stamped with the rule's code, name and severity."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)

    def to_dict(self) -> dict:
        """The finding as OUTPUT.md's JSON shows it: every key present, null where empty."""
        fix = self.fix.to_dict() if self.fix else None
        return {**vars(self), "references": list(self.references), "fix": fix}
