"""Editing a Word paragraph for the reviewed copy: runs split at any offset of the text as the reader
sees it (formatting kept), tracked deletions and insertions (w:del / w:ins), a deleted paragraph mark,
and comment ranges over whole runs."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..read.styles import W
from ..read.word import Paragraph

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NOT_COPIED = {W + t for t in ("rPrChange", "ins", "del", "moveFrom", "moveTo")}


@dataclass
class Segment:
    """Characters [start, end) of the paragraph's line held by ``leaf`` (a w:t, w:tab …) of ``run``."""

    start: int
    end: int
    run: Any  # lxml elements
    leaf: Any


class Revisions:
    """Who makes the copy's revisions and comments, and their ids (unique in the document)."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self.author, self.date, self.next_id = author, date, first_id

    def element(self, tag: str):
        from lxml import etree

        el = etree.Element(W + tag)
        el.set(W + "id", str(self.next_id))
        el.set(W + "author", self.author)
        el.set(W + "date", self.date)
        self.next_id += 1
        return el


class EditableParagraph:
    """A body paragraph's runs, addressed by the columns of its line (0-based)."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.element = paragraph.element
        self.marker = len(paragraph.marker)
        self.segments: list[Segment] = []
        offset = self.marker
        for piece in paragraph.pieces:
            if piece.run is not None and not piece.boxed and piece.text:
                self.segments.append(Segment(offset, offset + len(piece.text), piece.run, piece.leaf))
            offset += len(piece.text)
        self.wrappers: dict[int, Any] = {}  # id(run) -> the w:del made around it

    def split(self, at: int) -> None:
        """Make ``at`` a run boundary."""
        for i, seg in enumerate(self.segments):
            if seg.start < at < seg.end:
                self._split_text(i, at - seg.start)
                self._split_run(i + 1)
                return
            if seg.start == at:
                if i and self.segments[i - 1].run is seg.run:
                    self._split_run(i)
                return

    def _split_text(self, i: int, k: int) -> None:
        seg = self.segments[i]
        leaf = seg.leaf
        tail = copy.deepcopy(leaf)
        tail.tail = None
        leaf.text, tail.text = leaf.text[:k], leaf.text[k:]
        leaf.set(XML_SPACE, "preserve")
        tail.set(XML_SPACE, "preserve")
        leaf.addnext(tail)
        self.segments[i : i + 1] = [
            Segment(seg.start, seg.start + k, seg.run, leaf),
            Segment(seg.start + k, seg.end, seg.run, tail),
        ]

    def _split_run(self, i: int) -> None:
        """Move segment ``i``'s leaf and all after it in its run into a new run right after it."""
        old, leaf = self.segments[i].run, self.segments[i].leaf
        new = copy.deepcopy(old)
        for child in list(new):
            if child.tag != W + "rPr":
                new.remove(child)
        moving = [leaf, *leaf.itersiblings()]
        old.addnext(new)
        for child in moving:
            new.append(child)
        for seg in self.segments[i:]:
            if seg.run is old:
                seg.run = new

    def runs(self, start: int, end: int) -> tuple[list, int]:
        """The runs that hold exactly columns [start, end), after splitting; and how many of those
        characters they hold (fewer where the range covers a drawn numeral or a text box)."""
        self.split(start)
        self.split(end)
        runs: list[Any]
        runs, covered = [], 0
        for seg in self.segments:
            if start <= seg.start and seg.end <= end:
                covered += seg.end - seg.start
                if not runs or runs[-1] is not seg.run:
                    runs.append(seg.run)
        return runs, covered

    def outer(self, run):
        """The run, or the w:del made around it."""
        return self.wrappers.get(id(run), run)

    def delete(self, runs: list, revisions: Revisions) -> None:
        for run in runs:
            wrapper = revisions.element("del")
            run.addprevious(wrapper)
            wrapper.append(run)
            self.wrappers[id(run)] = wrapper
            for leaf in run:
                if leaf.tag == W + "t":
                    leaf.tag = W + "delText"
                elif leaf.tag == W + "instrText":
                    leaf.tag = W + "delInstrText"

    def insert(self, at: int, text: str, revisions: Revisions) -> None:
        """A tracked insertion of ``text`` at column ``at``, formatted as the run it follows (or precedes)."""
        self.split(at)
        before = next((s for s in reversed(self.segments) if s.end == at), None)  # a deleted run too
        after = next((s for s in self.segments if s.start == at), None)
        model = seg.run if (seg := before or after) else None
        wrapper = revisions.element("ins")
        wrapper.append(_new_run(model, text))
        if before is not None:
            self.outer(before.run).addnext(wrapper)
        elif after is not None:
            self.outer(after.run).addprevious(wrapper)
        else:
            self.element.append(wrapper)

    def delete_mark(self, revisions: Revisions) -> None:
        """The paragraph mark deleted: accepted, this paragraph and the next become one."""
        from lxml import etree

        ppr = self.element.find(W + "pPr")
        if ppr is None:
            ppr = etree.Element(W + "pPr")
            self.element.insert(0, ppr)
        rpr = ppr.find(W + "rPr")
        if rpr is None:
            rpr = etree.Element(W + "rPr")
            later = next((c for c in ppr if c.tag in (W + "sectPr", W + "pPrChange")), None)
            if later is not None:
                later.addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(1 if len(rpr) and rpr[0].tag == W + "ins" else 0, revisions.element("del"))


def start_range(paragraph: EditableParagraph, first, comment_id: int) -> None:
    """commentRangeStart before the run ``first`` (None: at the paragraph's end, an empty range)."""
    from lxml import etree

    start = etree.Element(W + "commentRangeStart")
    start.set(W + "id", str(comment_id))
    if first is None:
        paragraph.element.append(start)
    else:
        paragraph.outer(first).addprevious(start)


def end_range(paragraph: EditableParagraph, last, comment_id: int) -> None:
    """commentRangeEnd and the comment's reference mark after the run ``last`` (None: at the end)."""
    from lxml import etree

    end = etree.Element(W + "commentRangeEnd")
    end.set(W + "id", str(comment_id))
    reference = etree.Element(W + "r")
    etree.SubElement(reference, W + "commentReference").set(W + "id", str(comment_id))
    if last is None:
        paragraph.element.extend([end, reference])
    else:
        paragraph.outer(last).addnext(end)
        end.addnext(reference)


def _new_run(model, text: str):
    """A run of ``text`` (tabs as w:tab) with the properties of ``model`` (its revision marks aside)."""
    from lxml import etree

    run = etree.Element(W + "r")
    rpr = model.find(W + "rPr") if model is not None else None
    if rpr is not None:
        kept = copy.deepcopy(rpr)
        for child in list(kept):
            if child.tag in _NOT_COPIED:
                kept.remove(child)
        run.append(kept)
    for i, part in enumerate(text.split("\t")):
        if i:
            etree.SubElement(run, W + "tab")
        if part:
            t = etree.SubElement(run, W + "t")
            t.text = part
            t.set(XML_SPACE, "preserve")
    return run
