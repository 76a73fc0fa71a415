"""What every check kind shares: the Subject it looks at, the Hits it yields, the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..document import Document

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from ..read.layout import Layout


@dataclass(frozen=True)
class Subject:
    """What the checks look at: the document, or why there is none (the file could not be read)."""

    document: Document | None
    error: str | None = None
    error_en: str | None = None
    not_report: str | None = "no_subject"  # why the document is no annual report, None if it is one (genre.py)
    layout: Layout | None = None  # a Word draft's layout, aligned with its lines

    @property
    def is_report(self) -> bool:
        return self.not_report is None

    @property
    def doc(self) -> Document:
        """The document (the engine runs the checks that need one only when there is one)."""
        assert self.document is not None
        return self.document


@dataclass(frozen=True)
class Hit:
    """One occurrence a check found: a span of the original text, message parameters, an optional fix."""

    start: int
    end: int
    params: dict = field(default_factory=dict)
    section: str | None = None
    replacement: str | None = None


Check = Callable[[Subject, dict], Iterator[Hit]]
CHECKS: dict[str, Check] = {}
#: the message parameters each check kind gives its hits (a rule's message may name these, and a
#: part's ``label``/``label_en`` where the hit names a part)
PARAMS: dict[str, frozenset[str]] = {"stale-waiver": frozenset({"code", "file", "problem", "problem_en"})}
PART_PARAMS = frozenset({"label", "label_en"})
#: check kinds that run on unreadable or empty input; all others need a document with text
RUN_WITHOUT_TEXT = {"unreadable", "empty"}
#: check kinds judged over a whole run rather than one document: a waiver that matched nothing
#: (waivers.py), so the engine never runs them on a report
BATCH_CHECKS = {"stale-waiver"}
#: check kinds that judge the text as a text (wording, typography); the others judge a report's
#: structure and stay silent on a text that is no annual report (FZ003 says so once instead)
TEXT_CHECKS: set[str] = set()


def check(kind: str, text_level: bool = False, params: tuple[str, ...] = ()):
    """Register a check kind: its function, whether it judges text as text, the parameters its hits carry."""

    def register(fn: Check) -> Check:
        CHECKS[kind] = fn
        PARAMS[kind] = frozenset(params)
        if text_level:
            TEXT_CHECKS.add(kind)
        return fn

    return register


def whole_file(doc: Document) -> tuple[int, int]:
    """A finding about the whole file points at the title line, else at line 1."""
    if doc.title:
        return doc.title.start, doc.title.end
    return doc.index.line_span(1)


def section_at(doc: Document, offset: int) -> str | None:
    """The kind of the part that holds ``offset``."""
    part = doc.part_at(offset)
    return part.kind if part else None
