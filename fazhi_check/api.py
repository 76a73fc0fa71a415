"""The library entry points: check text, bytes or a file and get a Result (frozen data, ``to_dict()``)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .checks import Subject
from .engine import run_rules, select_rules
from .findings import Finding
from .model import Document, build_document
from .rulebook import RulePack, load_rules
from .source import MAX_BYTES, ReadError, SourceText, decode_source, read_path
from .text import MappedIndex

QUOTE = 16  # characters of a Word paragraph quoted in its findings (Word shows no paragraph numbers)


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
    plan_year: int | None
    sections: tuple[Section, ...]
    parts: dict[str, str]  # kind -> present / folded / missing; empty where no report can be judged

    @classmethod
    def of(cls, doc: Document) -> "Facts":
        judged = bool(doc.lines) and doc.is_annual_report
        folded = {f.kind for f in doc.folds}
        parts = {
            kind: "present" if doc.part_of(kind) else "folded" if kind in folded else "missing"
            for kind in doc.vocabulary.kinds
        }
        return cls(
            title="".join(doc.text[ln.start : ln.end].strip() for ln in doc.title.lines) if doc.title else None,
            report_year=doc.report_year,
            report_year_source=doc.report_year_source,
            issuer=doc.issuer,
            date=doc.date,
            published=doc.published,
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
            parts=parts if judged else {},
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
    facts: Facts | None = None  # from the document when not given

    def __post_init__(self) -> None:
        if self.facts is None and self.document is not None:
            object.__setattr__(self, "facts", Facts.of(self.document))

    def detached(self) -> "Result":
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
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.findings],
            "waived": len(self.waived),
        }


def _run(subject: Subject, path: str, encoding: str | None, pack: RulePack, options: dict) -> Result:
    rules = select_rules(pack, options.get("select"), options.get("extend_select"), options.get("ignore"))
    findings = run_rules(subject, rules, options.get("lang", "zh"))
    return Result(path, encoding, subject.document, findings)


def check_text(
    text: str,
    path: str = "<text>",
    year: int | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    rules: RulePack | None = None,
    lang: str = "zh",
    encoding: str | None = None,
    published: datetime.date | None = None,
) -> Result:
    """Check report text. ``select`` replaces the default rule set; ``year`` overrides the report year;
    ``published`` is the date the report was made public, when known (FZ208)."""
    options = dict(select=select, ignore=ignore, extend_select=extend_select, rules=rules, lang=lang)
    return _check_source(SourceText(text, encoding), path, {**options, "year": year, "published": published})


def check_bytes(
    data: bytes, path: str = "<bytes>", encoding: str | None = None, max_bytes: int = MAX_BYTES, **kwargs
) -> Result:
    """Decode ``data`` (by ``path``'s suffix a .docx, Markdown or an office file to convert; else BOM,
    UTF-8, GB18030, Big5 unless ``encoding``) and check it; bad or oversized bytes give FZ001."""
    try:
        if len(data) > max_bytes:
            raise ReadError(f"输入过大（超过 {max_bytes} 字节）", f"too large (over {max_bytes} bytes)")
        source = decode_source(data, path, encoding)
    except ReadError as e:
        return _unreadable(path, e, kwargs)
    return _check_source(source, path, kwargs)


def check_file(path: str | os.PathLike, encoding: str | None = None, max_bytes: int = MAX_BYTES, **kwargs) -> Result:
    """Read and check one file; a file that cannot be read gives a Result holding FZ001."""
    shown = os.fspath(path)
    try:
        source = read_path(shown, encoding, max_bytes)
    except ReadError as e:
        return _unreadable(shown, e, kwargs)
    return _check_source(source, shown, kwargs)


def _check_source(source: SourceText, path: str, kwargs: dict) -> Result:
    pack = kwargs.get("rules") or load_rules()
    index = MappedIndex(source.text, source.original, source.offsets) if source.offsets else None
    published = kwargs.get("published") or source.published
    doc = build_document(source.text, pack.vocabulary, kwargs.get("year"), published, index)
    result = _run(Subject(doc), path, source.encoding, pack, kwargs)
    if source.paragraphs:
        lines = source.text.split("\n")
        quoted = tuple(replace(f, paragraph=_quote(lines[f.line - 1])) for f in result.findings)
        result = replace(result, findings=quoted)
    if source.pages:
        paged = tuple(replace(f, page=source.pages[min(f.line, len(source.pages)) - 1]) for f in result.findings)
        result = replace(result, findings=paged)
    return result


def _quote(paragraph: str) -> str:
    paragraph = paragraph.strip()
    return paragraph if len(paragraph) <= QUOTE else paragraph[:QUOTE] + "…"


def _unreadable(path: str, error: ReadError, kwargs: dict) -> Result:
    pack = kwargs.get("rules") or load_rules()
    return _run(Subject(None, error.reason, error.reason_en), path, None, pack, kwargs)
