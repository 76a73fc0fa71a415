"""What kind of text this is: a 法治政府建设 annual report, or something else that landed in the folder
(a 政府工作报告, a plan, a notice). The engine asks before it runs the structure rules; FZ003 says so."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from .base import Hit, Subject, check, whole_file


def is_annual_report(doc: Document) -> bool:
    """Whether the text reads as a 法治政府建设 annual report: its title (or, with no title, its
    opening) names the subject, headings name two of the required parts, or the text names the
    subject matter often (a 政府工作报告 does none of these)."""
    vocabulary = doc.vocabulary
    named_by = doc.title.text if doc.title else (doc.opening.text if doc.opening else "")
    if vocabulary.pattern("title").search(named_by):
        return True
    named = {k for p in doc.parts if p.kind_source != "position" for k in (p.kind, *p.also)}
    if len(named.intersection(vocabulary.required)) >= 2:
        return True
    mentions = sum(1 for _ in vocabulary.pattern("subject").finditer(doc.normalized))
    return mentions * 1000 >= vocabulary.subject_per_mille * len(doc.normalized)


@check("not-annual-report", text_level=True)
def not_annual_report(subject: Subject, options: dict) -> Iterator[Hit]:
    if not subject.is_report:
        yield Hit(*whole_file(subject.document))
