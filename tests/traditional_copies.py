"""Traditional-script copies of simplified text, made with OpenCC's own converter, and what a check of a
copy must share with a check of the original."""

from functools import cache

import opencc


@cache
def converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def taiwan(text: str) -> str:
    """``text`` in Taiwan's script (s2tw: every character Big5 can hold, unlike s2t's 着 and 爲)."""
    return converter("s2tw").convert(text)


def hong_kong(text: str) -> str:
    """``text`` in Hong Kong's script (s2hk), where Big5-HKSCS holds the character, else Taiwan's."""
    hk, tw = converter("s2hk").convert(text), taiwan(text)
    assert len(hk) == len(tw) == len(text)
    return "".join(h if h.encode("big5hkscs", "ignore") else t for h, t in zip(hk, tw))


def outline_and_findings(result) -> tuple:
    """The parts (kind, other kinds, line, numeral, year), report year, date and every finding's code
    and span: what a copy in another script or encoding must give exactly as the original does."""
    parts = [(s.kind, s.also, s.line, s.numeral, s.year) for s in result.sections]
    findings = [(f.code, f.line, f.column, f.end_line, f.end_column) for f in result.findings]
    return parts, result.report_year, result.document.date, findings
