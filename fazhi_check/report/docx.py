"""The reviewed Word copy: the draft with every error and warning (and every info finding without a
fix) as a Word comment (批注) on the words at its span, and every safe fix as a tracked change (修订)
covering only the characters it changes. The original bytes are never touched; in the copy, parts
other than the body, the comments and their relationships are the original's, byte for byte."""

from __future__ import annotations

import datetime
import difflib
import io
import zipfile
from typing import Any

from ..read.package import DOCUMENT, REL, RELS, Package
from ..read.styles import W
from ..read.word import word_paragraphs
from ..results import Finding, Result
from .wordedit import EditableParagraph, Revisions, end_range, start_range

AUTHOR, INITIALS = "fazhi-check", "FC"
COMMENTS = "word/comments.xml"
_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "fix": "建议改为：{}",
        "basis": "依据：{}",
        "after": "此部分应在“{}”之后单列",
        "before": "此部分应在“{}”之前单列",
        "missing-date": "成文日期应写在全文末尾、落款之下",
        "missing-issuer": "发文机关署名（落款）应写在正文之后、成文日期之上",
    },
    "en": {
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "fix": "Suggested: {}",
        "basis": "Basis: {}",
        "after": "This part belongs after “{}”",
        "before": "This part belongs before “{}”",
        "missing-date": "The date belongs at the end, under the issuer",
        "missing-issuer": "The issuer belongs after the body, above the date",
    },
}


class AnnotateError(ValueError):
    """The findings are not this document's (its text reads otherwise)."""


def annotate(data: bytes, result: Result, lang: str = "zh", fixed: str | None = None) -> bytes:
    """The reviewed copy of the .docx ``data`` (the file ``result`` was checked from). ``fixed`` is the
    text after every safe fix (as ``--fix`` makes it, round after round); by default one round of the
    result's own fixes."""
    package = Package(data)
    paragraphs = word_paragraphs(package)
    text = "\n".join(p.text for p in paragraphs)
    if result.text is not None and result.text != text:
        raise AnnotateError("the findings were made from another text than this document's")
    if fixed is None:
        fixed = _with_safe_fixes(text, result.findings)
    document = package.xml(DOCUMENT)
    editable = [EditableParagraph(p) for p in paragraphs]
    starts = _line_starts(text)
    comments_root = _comments_root(package)
    revisions = Revisions(AUTHOR, _now(), _largest_id(document, comments_root) + 1)
    comments = []
    for finding in result.findings:
        if commented(finding):
            comment_id = revisions.next_id
            revisions.next_id += 1
            _anchor(editable, finding, comment_id)
            comments.append((comment_id, _comment_text(finding, result, lang)))
    for start, end, new in _edits(text, fixed):
        _revise(editable, starts, start, end, new, revisions)
    return _write(package, data, document, comments_root, comments, revisions.date)


def _with_safe_fixes(text: str, findings) -> str:
    """``text`` with one round of the findings' safe fixes, from the end, skipping a fix that overlaps
    one applied (as fixes.apply_fixes does; a report may not import fixes, which checks files)."""
    starts = _line_starts(text)
    spans = sorted(
        {
            (starts[x.line - 1] + x.column - 1, starts[x.end_line - 1] + x.end_column - 1, x.replacement)
            for x in (f.fix for f in findings)
            if x is not None and x.safe
        },
        reverse=True,
    )
    limit = len(text) + 1
    for start, end, replacement in spans:
        if end <= limit:
            text, limit = text[:start] + replacement + text[end:], start
    return text


def commented(finding: Finding) -> bool:
    """Whether the copy carries ``finding`` as a comment (a safe fix alone is a tracked change)."""
    safe_fix = finding.fix is not None and finding.fix.safe
    return finding.severity in ("error", "warning") or not safe_fix


def _anchor(editable: list[EditableParagraph], finding: Finding, comment_id: int) -> None:
    """The comment's range over the runs at the finding's span; a span on a drawn numeral or an empty
    paragraph falls back to the paragraph's text, or to an empty range at its end."""
    covered = []
    for number in range(finding.line, finding.end_line + 1):
        paragraph = editable[number - 1]
        start = finding.column - 1 if number == finding.line else 0
        end = finding.end_column - 1 if number == finding.end_line else 10**9
        runs, _ = paragraph.runs(start, end)
        covered += [(paragraph, run) for run in runs]
    if not covered:
        paragraph = editable[finding.line - 1]
        runs, _ = paragraph.runs(0, 10**9)
        covered = [(paragraph, run) for run in runs] or [(paragraph, None)]
    start_range(covered[0][0], covered[0][1], comment_id)
    end_range(covered[-1][0], covered[-1][1], comment_id)


def _comment_text(finding: Finding, result: Result, lang: str) -> list[str]:
    words = _WORDS["en" if lang == "en" else "zh"]
    lines = [f"【{finding.code} {words['severity'][finding.severity]}】{finding.message}"]
    if finding.fix is not None and not finding.fix.safe:
        lines.append(words["fix"].format(finding.fix.replacement))
    where = _where(finding, result, words)
    if where:
        lines.append(where)
    if finding.references:
        lines.append(words["basis"].format("；".join(finding.references)))
    return lines


def _where(finding: Finding, result: Result, words: dict) -> str | None:
    """Where a missing part, issuer or date belongs (its finding points at the title)."""
    if finding.name in ("missing-date", "missing-issuer"):
        return words[finding.name]
    doc = result.document
    if finding.name != "missing-section" or doc is None or finding.section is None:
        return None
    from ..rulebook import load_rules

    rule = load_rules().get("section-order")
    order = list(rule.options.get("order", ())) if rule else []
    if finding.section not in order:
        return None
    at = order.index(finding.section)
    present = [(order.index(p.kind), p) for p in doc.parts if p.kind in order]
    earlier = [(i, p) for i, p in present if i < at]
    if earlier:
        return words["after"].format(doc.heading_text(max(earlier, key=lambda e: e[0])[1].heading))
    later = [(i, p) for i, p in present if i > at]
    if later:
        return words["before"].format(doc.heading_text(min(later, key=lambda e: e[0])[1].heading))
    return None


def revision_places(old: str, new: str) -> int:
    """How many places the reviewed copy revises to turn ``old`` into ``new`` (each a tracked
    deletion, insertion or both, as Word's review pane lists them)."""
    return len(_edits(old, new))


def _edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old`` that make ``new``: lines aligned first, then the
    characters of each changed block, so each edit covers only what changes."""
    edits = []
    old_lines, new_lines = old.split("\n"), new.split("\n")
    old_starts, new_starts = _line_starts(old), _line_starts(new)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in lines.get_opcodes():
        if tag == "equal":
            continue
        a_start = old_starts[i1] if i1 < len(old_lines) else len(old)
        a_end = old_starts[i2] - 1 if i2 < len(old_lines) else len(old)
        b_start = new_starts[j1] if j1 < len(new_lines) else len(new)
        b_end = new_starts[j2] - 1 if j2 < len(new_lines) else len(new)
        a, b = old[a_start:a_end], new[b_start:b_end]
        chars = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, k1, k2, m1, m2 in chars.get_opcodes():
            if op != "equal":
                edits.append((a_start + k1, a_start + k2, b[m1:m2]))
    return edits


def _revise(editable, starts, start: int, end: int, new: str, revisions: Revisions) -> None:
    """One edit as tracked changes; left out where it would touch a drawn numeral, a text box or
    split a paragraph (no safe fix does)."""
    first, last = _line_of(starts, start), _line_of(starts, end)
    if "\n" in new:
        return
    pieces = []
    for line in range(first, last + 1):
        paragraph = editable[line]
        a = start - starts[line] if line == first else 0
        b = end - starts[line] if line == last else starts[line + 1] - 1 - starts[line]
        if a < paragraph.marker and b > a:
            return
        runs, covered = paragraph.runs(a, b)
        if covered != b - a:
            return
        pieces.append((paragraph, runs, line < last))
    for paragraph, runs, joins in pieces:
        paragraph.delete(runs, revisions)
        if joins:
            paragraph.delete_mark(revisions)
    if new:  # after what it replaces, as Word shows a replacement
        editable[last].insert(end - starts[last], new, revisions)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def _largest_id(*roots) -> int:
    """The largest w:id in use (comments, revisions, bookmarks), so new ids clash with none."""
    largest = 0
    for root in roots:
        for el in root.iter() if root is not None else ():
            value = el.get(W + "id") if isinstance(el.tag, str) else None
            if value and value.lstrip("-").isdigit():
                largest = max(largest, int(value))
    return largest


def _comments_root(package: Package):
    return package.xml(package.related("comments"))


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _comment(comment_id: int, lines: list[str], date: str):
    from lxml import etree

    comment = etree.Element(W + "comment")
    for name, value in (("id", str(comment_id)), ("author", AUTHOR), ("date", date), ("initials", INITIALS)):
        comment.set(W + name, value)
    for i, line in enumerate(lines):
        p = etree.SubElement(comment, W + "p")
        if i == 0:
            etree.SubElement(etree.SubElement(p, W + "r"), W + "annotationRef")
        t = etree.SubElement(etree.SubElement(p, W + "r"), W + "t")
        t.text = line
    return comment


def _write(package: Package, data: bytes, document, comments_root, comments, date: str) -> bytes:
    from lxml import etree

    def serialise(root) -> bytes:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    changed = {DOCUMENT: serialise(document)}
    if comments:
        name = package.related("comments")
        if comments_root is None:
            name = COMMENTS if COMMENTS not in package.names else "word/fazhi-check-comments.xml"
            comments_root = etree.Element(W + "comments", nsmap={"w": W[1:-1]})
            changed[RELS] = _with_relationship(package, name)
            changed[_TYPES] = _with_override(package, name)
        assert name is not None  # the comments part read was found by it
        for comment_id, lines in comments:
            comments_root.append(_comment(comment_id, lines, date))
        changed[name] = serialise(comments_root)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename in changed:
                archive.writestr(item.filename, changed.pop(item.filename), zipfile.ZIP_DEFLATED)
            else:
                archive.writestr(item, source.read(item.filename))
        for name, content in changed.items():
            archive.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _with_relationship(package: Package, name: str) -> bytes:
    from lxml import etree

    root = package.xml(RELS)
    if root is None:
        root = etree.Element(_PR + "Relationships", nsmap={None: _PR[1:-1]})
    taken = {r.get("Id") for r in root}
    rid = next(f"rIdFazhiCheck{n}" for n in range(1, len(taken) + 2) if f"rIdFazhiCheck{n}" not in taken)
    rel = etree.SubElement(root, _PR + "Relationship")
    rel.set("Id", rid)
    rel.set("Type", REL + "comments")
    rel.set("Target", name.removeprefix("word/"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_override(package: Package, name: str) -> bytes:
    from lxml import etree

    root = package.xml(_TYPES)
    override = etree.SubElement(root, _CT + "Override")
    override.set("PartName", "/" + name)
    override.set("ContentType", _COMMENTS_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
