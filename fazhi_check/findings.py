"""Findings: what a rule reports, stamped with the rule's code, name and severity."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Fix:
    """A safe mechanical edit: replace the span with ``replacement`` (1-based, end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    replacement: str

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "replacement": self.replacement,
        }


@dataclass(frozen=True)
class Finding:
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

    @property
    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "section": self.section,
            "evidence": self.evidence,
            "references": list(self.references),
            "fix": self.fix.to_dict() if self.fix else None,
        }
