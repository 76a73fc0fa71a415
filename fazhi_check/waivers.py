"""Waivers: findings a reviewer accepted, kept in a YAML file (a .docx or PDF cannot carry a comment).
A waiver names a code, a file glob, the evidence it matches, a reason and an optional expiry date;
one that matches nothing or has expired is reported as FZ004 at its line in the waiver file."""

from __future__ import annotations

import dataclasses
import datetime
import glob
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .config import glob_matches, relative_to
from .datafiles import DataFileError, loader, parse_yaml, read_data_file, validate
from .engine import message
from .results import Finding, Result
from .rulebook import Rule

_SPACE = re.compile(r"\s+")
ADDED_REASON = "采用 fazhi-check 时已有的问题，{date} 由 --add-waivers 记录，待整改"


class WaiverFileError(DataFileError):
    """A waiver file is malformed; names the file and the JSON path of the fault."""

    label = "bad waiver file"


@dataclass(frozen=True)
class Waiver:
    """One accepted finding: code, file glob, evidence, reason, optional expiry, line in its file."""

    code: str
    file: str  # a glob, relative to the waiver file's folder
    reason: str
    evidence: str | None = None
    expires: datetime.date | None = None
    context: str | None = None  # the text around the finding, where its evidence is only whitespace
    line: int = 1  # where the entry starts in the waiver file
    column: int = 1

    def names(self, relative: str) -> bool:
        """Whether the waiver's glob names a file (its path relative to the waiver file's folder)."""
        return glob_matches(self.file, relative)

    def accepts(self, finding: Finding) -> bool:
        """The same code, and the waiver's evidence (and context) found, whitespace aside, in the finding's."""
        if finding.code != self.code:
            return False
        if self.context is not None and _squash(self.context) not in _squash(finding.context or ""):
            return False
        return self.evidence is None or _squash(self.evidence) in _squash(finding.evidence or "")

    def live(self, today: datetime.date) -> bool:
        """Whether the waiver still applies on ``today`` (an expired one no longer accepts anything)."""
        return self.expires is None or self.expires >= today

    def to_dict(self) -> dict:
        data = {
            "code": self.code,
            "file": self.file,
            "evidence": self.evidence,
            "context": self.context,
            "reason": self.reason,
            "expires": self.expires,
        }
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class WaiverFile:
    """A waiver file's path and its waivers."""

    path: str
    waivers: tuple[Waiver, ...]

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def load_waivers(path: str) -> WaiverFile:
    """Read and validate a waiver file; raises WaiverFileError naming the file and the JSON path."""
    try:
        text = read_data_file(path, WaiverFileError).decode("utf-8")
    except UnicodeDecodeError:
        raise WaiverFileError(path, "$", "not UTF-8 text", "不是 UTF-8 编码的文字") from None
    return parse_waivers(text, path)


def parse_waivers(text: str, path: str = "<waivers>") -> WaiverFile:
    """Waivers from YAML text (``waivers:`` holding a list of entries)."""
    data = parse_yaml(text, path, WaiverFileError)
    data = {"waivers": []} if data is None else _dates_as_text(data)
    validate(data, "waivers.schema.json", path, WaiverFileError)
    import yaml

    root = yaml.compose(text, Loader=loader())  # the entries' lines
    mapping = root.value if isinstance(root, yaml.MappingNode) else []
    node = next((value for key, value in mapping if key.value == "waivers"), None)
    nodes = node.value if isinstance(node, yaml.SequenceNode) else []
    waivers = []
    for i, (entry, node) in enumerate(zip(data["waivers"] or [], nodes)):
        expires = entry.get("expires")
        try:
            expires = datetime.date.fromisoformat(expires) if expires else None
        except ValueError:
            problem = f"not a date in YYYY-MM-DD form: '{expires}'"
            zh = f"“{expires}”不是 YYYY-MM-DD 形式的日期"
            raise WaiverFileError(path, f"$.waivers[{i}].expires", problem, zh) from None
        waivers.append(
            Waiver(
                code=entry["code"].upper(),
                file=entry["file"],
                reason=entry["reason"],
                evidence=entry.get("evidence"),
                context=entry.get("context"),
                expires=expires,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
            )
        )
    return WaiverFile(path, tuple(waivers))


def _dates_as_text(data):
    """YAML reads 2025-03-31 as a date; the schema checks text."""
    if isinstance(data, dict):
        return {k: _dates_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(v) for v in data]
    return data.isoformat() if isinstance(data, datetime.date) else data


def apply_waivers(
    results: Sequence[Result],
    waivers: WaiverFile,
    rule: Rule | None,
    today: datetime.date | None = None,
    lang: str = "zh",
) -> list[Result]:
    """``results`` with the waived findings moved out of ``findings`` into ``waived``; then, where
    ``rule`` (FZ004) is selected, a Result for the waiver file holding each waiver that expired, or that
    names a checked file but matched none of its findings."""
    today = today or datetime.date.today()
    named: set[Waiver] = set()  # waivers whose glob names a checked file
    used: set[Waiver] = set()
    out = []
    for result in results:
        relative = relative_to(result.path, waivers.folder)
        here = [w for w in waivers.waivers if w.names(relative)]
        named.update(here)
        live = [w for w in here if w.live(today)]
        kept: list[Finding]
        waived: list[Finding]
        kept, waived = [], []
        for finding in result.findings:
            match = next((w for w in live if w.accepts(finding)), None)
            (kept if match is None else waived).append(finding)
            if match is not None:
                used.add(match)
        out.append(dataclasses.replace(result, findings=tuple(kept), waived=result.waived + tuple(waived)))
    if rule is None:
        return out
    stale = []
    for w in waivers.waivers:
        if not w.live(today):
            assert w.expires is not None  # only a dated waiver expires
            problem = (f"已于{w.expires.isoformat()}过期，请复核后续期或删除", f"expired on {w.expires.isoformat()}")
        elif w in named and w not in used:
            problem = ("没有匹配到任何问题，可以删除", "matches no finding")
        else:
            continue
        params = {"code": w.code, "file": w.file, "problem": problem[0], "problem_en": problem[1]}
        stale.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=rule.severity,
                message=message(rule, params, lang),
                line=w.line,
                column=w.column,
                end_line=w.line,
                end_column=w.column,
                references=rule.references,
            )
        )
    if stale:
        out.append(Result(waivers.path, "utf-8", None, tuple(stale), waiver_file=True))
    return out


def new_waivers(results: Iterable[Result], path: str, existing: WaiverFile | None, today: datetime.date) -> list[dict]:
    """Entries for every finding in ``results`` that no live waiver of ``existing`` accepts (FZ004 aside),
    with file names relative to the waiver file at ``path``; one entry per code, file and evidence."""
    folder = os.path.dirname(os.path.abspath(path))
    reason = ADDED_REASON.format(date=today.isoformat())
    entries: dict[tuple, dict] = {}
    for result in results:
        if result.waiver_file:
            continue
        relative = _glob_for(relative_to(result.path, folder))
        seen_from = relative_to(result.path, existing.folder) if existing else ""
        accepted = [w for w in existing.waivers if w.live(today) and w.names(seen_from)] if existing else []
        for f in result.findings:
            if any(w.accepts(f) for w in accepted):
                continue
            if _squash(f.evidence or ""):
                evidence, context = f.evidence, None
            else:  # whitespace alone would accept every finding of the code: the text around it tells
                evidence, context = None, f.context
            entry = Waiver(f.code, relative, reason, evidence=evidence, context=context).to_dict()
            entries.setdefault((f.code, relative, evidence, context), entry)
    return list(entries.values())


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _glob_for(relative: str) -> str:
    """A glob naming exactly this file: its special characters escaped, and each byte of its name
    that is no UTF-8 (a name made on another system) as ``?``, which the glob matches and YAML can
    carry."""
    return _UNDECODABLE.sub("?", glob.escape(relative))


def dump_waivers(entries: Sequence[dict]) -> str:
    """A waiver file's text."""
    header = "# fazhi-check 豁免清单 / waivers: code, file (glob), evidence, reason, expires (optional)\n"
    import yaml

    body = yaml.safe_dump({"waivers": list(entries)}, allow_unicode=True, sort_keys=False, width=1000)
    return header + body
