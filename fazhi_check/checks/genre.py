"""What kind of text this is: a 法治政府建设 annual report, or another document that landed in the folder
(a 政府工作报告, a 实施方案 or 工作要点, a news item, a 报送通知, a 述法报告, a half-year summary, a
template, a README). Decided by the document's genre and shape (rules/vocabulary/genres.yaml), never
by counting subject words, which every such text has. The engine asks before it runs the structure
rules; FZ003 says so. Precision first: a real report is never taken for something else."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..literals import may_match
from .base import Hit, Subject, check, whole_file


def why_not(doc: Document) -> str | None:
    """Why the text is no 法治政府建设 annual report (a key of FZ003's ``reasons``), or None where it is
    one: not if its title names another genre or it is shaped like another document; yes if its title
    names the subject; else (a title about other work, or none) if its parts name the required parts,
    or it states what it reports ("现将…报告如下", untitled texts only), and its text is about the
    subject (the subject's words are not rare in it, as they are in another department's summary)."""
    vocabulary = doc.vocabulary
    title = doc.title.text if doc.title else None
    if title is not None and (genre := _other_title(title, vocabulary)):
        return genre
    if shape := _shaped_like_another_document(doc):
        return shape
    if title is not None and vocabulary.pattern("title").search(title):
        return None
    named = {k for p in doc.parts if p.kind_source in ("heading", "body") for k in (p.kind, *p.also)}
    named &= set(vocabulary.required)
    leaders = "leadership" in named or any(f.kind == "leadership" for f in doc.folds)
    if title is not None:  # a title about other work: a report only where its parts and words say so
        if vocabulary.pattern("other_field").search(title):
            # a field's own yearly account (行政复议, 普法…) gives none of the leaders' duty
            return None if leaders else "field"
        # a department's own year summary names a plan and its problems too, but neither the leaders'
        # duty nor, in the regulation's words, the year's measures and results
        return None if len(named) >= 2 and (leaders or ("measures" in named and _about(doc))) else "other_work"
    about = len(named) < 2 and _about(doc)  # (the words are counted only where they decide)
    return None if len(named) >= 2 or about or _states_a_report(doc) else "no_subject"


def _about(doc: Document) -> bool:
    """The subject's words are not rare in the text (counted only where the answer matters)."""
    vocabulary, text = doc.vocabulary, doc.normalized
    return _count(vocabulary.pattern("subject"), text) * 1000 >= vocabulary.subject_per_mille * len(text)


def _other_title(title: str, vocabulary) -> str | None:
    """The title names another genre, a cover letter or notice that sends reports, or a plan for the
    future that reports no year's work."""
    if vocabulary.pattern("other_genre").search(title):
        return "other_genre"
    if vocabulary.pattern("cover_title").search(title):
        return "cover"
    plan = vocabulary.pattern("plan_genre").search(title)
    return "plan" if plan is not None and not vocabulary.pattern("report_genre").search(title[: plan.start()]) else None


def _states_a_report(doc: Document) -> bool:
    """Its opening says what it reports: "现将有关情况报告如下"."""
    formula = doc.vocabulary.pattern("formula")
    return doc.formula_year is not None or any(formula.search(ln.text) for ln in doc.lines[doc.body_start :][:8])


def _shaped_like_another_document(doc: Document) -> str | None:
    """A text sent down to many (各乡镇人民政府，各部门：), a news item (it opens with 近日 or X月X日,
    or ends with a byline, and has no numbered parts), a
    plan for the future (its parts are 总体要求, 主要任务, 保障措施…), a notice (it asks for reports
    by a deadline), one person's account of their duty (本人, 我带头…), or a form whose blanks are
    left to fill, or a web page that lists documents."""
    vocabulary = doc.vocabulary
    text = doc.normalized
    headings = [p.heading.title for p in doc.parts if p.heading.numeral]
    head = [ln.text.strip() for ln in doc.lines[: doc.body_start + 1] if ln.text.strip().endswith((":", "："))]
    if any(vocabulary.pattern("downward_addressee").match(t) for t in head):
        return "downward"  # sent down to many: a notice or a plan, not a report to the organ above
    start = [ln.text.strip() for ln in doc.lines[doc.body_start :][:4]]
    end = [ln.text.strip() for ln in doc.lines[-3:]]
    if not headings and (
        any(vocabulary.pattern("news_opening").match(t) for t in start)
        or any(vocabulary.pattern("news_source").match(t) for t in end)
    ):
        return "news"
    plan = vocabulary.pattern("plan_heading")
    if sum(1 for h in headings if plan.search(h)) >= 2:
        return "plan_parts"
    thresholds = vocabulary.thresholds
    if not _reports_a_year(doc) and _count(vocabulary.pattern("notice_words"), text) >= thresholds["notice_min"]:
        return "notice"
    if _count(vocabulary.pattern("personal"), text) >= thresholds["personal_min"]:
        return "personal"
    entry = vocabulary.pattern("list_entry")
    if sum(1 for ln in doc.lines if entry.match(ln.text.strip())) >= thresholds["list_min"]:
        return "list"  # a web page that lists documents and their dates
    return "template" if _count(vocabulary.pattern("template"), text) >= thresholds["template_min"] else None


def _reports_a_year(doc: Document) -> bool:
    """Whether the text gives an account of a year's work: its parts name measures and shortcomings."""
    named = {k for p in doc.parts for k in (p.kind, *p.also) if p.kind_source == "heading"}
    return {"measures", "shortcomings"} <= named


def _count(pattern, text: str) -> int:
    """How many matches finditer gives (without a match object each; none where none can be)."""
    return len(pattern.findall(text)) if may_match(pattern, text) else 0


# why a text is no annual report: the keys of FZ003's reasons (rules/FZ003.yaml says each in words)
REASONS = (
    "other_genre", "cover", "plan", "downward", "news", "plan_parts", "notice", "personal", "list", "template",
    "field", "other_work", "no_subject",
)  # fmt: skip


@check("not-annual-report", text_level=True, params=("reason", "reason_en"))
def not_annual_report(subject: Subject, options: dict) -> Iterator[Hit]:
    """The text is no annual report; the message says why, in the words of the rule's ``reasons``."""
    key = subject.not_report
    if key is not None:
        doc = subject.doc
        title = doc.title.written if doc.title else ""
        params = {
            "reason": options["reasons"][key].format(title=title),
            "reason_en": options["reasons_en"][key].format(title=title),
        }
        yield Hit(*whole_file(doc), params)
