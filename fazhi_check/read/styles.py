"""styles.xml as Word applies it: the document defaults, each style's basedOn chain (cycles and
depth bounded), the default paragraph style, and a style's numbering."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_CHAIN = 16  # basedOn links followed; Word's own chains are a few deep


@dataclass(frozen=True)
class Style:
    """One w:style: its id, type, name, basedOn, properties and numbering."""

    id: str
    type: str
    name: str
    based_on: str | None
    ppr: object | None  # the w:pPr element, or None
    rpr: object | None  # the w:rPr element, or None
    num_id: str | None
    ilvl: int | None


def val(parent, name: str) -> str | None:
    """The w:val of ``parent``'s child ``name``."""
    el = parent.find(W + name) if parent is not None else None
    return el.get(W + "val") if el is not None else None


def small_int(value: str | None, low: int = -(10**6), high: int = 10**6) -> int | None:
    """An integer attribute within [low, high], or None for what is missing or no integer."""
    if value is None:
        return None
    try:
        number = int(value.strip()[:12])
    except ValueError:
        return None
    return number if low <= number <= high else None


def is_on(el) -> bool | None:
    """A toggle property (w:vanish, w:b): None when absent, else whether it is on."""
    if el is None:
        return None
    return el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


class Styles:
    """The styles of a document, looked up by id."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, Style] = {}
        self.default: dict[str, str] = {}
        defaults = root.find(W + "docDefaults") if root is not None else None
        self.doc_ppr = defaults.find(f"{W}pPrDefault/{W}pPr") if defaults is not None else None
        self.doc_rpr = defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None
        for el in root.iter(W + "style") if root is not None else ():
            sid = el.get(W + "styleId")
            if sid is None:
                continue
            kind = el.get(W + "type", "paragraph")
            ppr = el.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            self.by_id.setdefault(
                sid,
                Style(
                    sid,
                    kind,
                    val(el, "name") or sid,
                    val(el, "basedOn"),
                    ppr,
                    el.find(W + "rPr"),
                    val(num, "numId"),
                    small_int(val(num, "ilvl")),
                ),
            )
            if el.get(W + "default") in ("1", "true", "on"):
                self.default.setdefault(kind, sid)
        self.chain = lru_cache(maxsize=None)(self._chain)
        self.rpr_chain = lru_cache(maxsize=None)(self._rpr_chain)

    def _chain(self, style_id: str | None) -> tuple[Style, ...]:
        """The style and those it is based on, the root first."""
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen and len(out) < MAX_CHAIN:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            style_id = style.based_on
        return tuple(reversed(out))

    def paragraph_style(self, ppr) -> str | None:
        """The paragraph's style id: its w:pStyle, else the default paragraph style."""
        sid = val(ppr, "pStyle")
        return sid if sid in self.by_id else self.default.get("paragraph")

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id) if style_id else None
        return style.name if style else ""

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, the nearest style of its chain first."""
        num_id = ilvl = None
        for style in reversed(self.chain(style_id)):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        return num_id, ilvl

    def _rpr_chain(self, paragraph_style: str | None, run_style: str | None) -> tuple:
        """The w:rPr elements a run inherits, the weakest first: defaults, paragraph style chain,
        character style chain."""
        chain = [self.doc_rpr]
        chain += [s.rpr for s in self.chain(paragraph_style)]
        chain += [s.rpr for s in self.chain(run_style or self.default.get("character"))]
        return tuple(el for el in chain if el is not None)

    def hidden(self, paragraph_style: str | None, rpr) -> bool:
        """Whether a run with direct properties ``rpr`` in a paragraph of ``paragraph_style`` is
        hidden text (w:vanish: the nearest setting wins)."""
        direct = is_on(rpr.find(W + "vanish")) if rpr is not None else None
        if direct is not None:
            return direct
        inherited = False
        for el in self.rpr_chain(paragraph_style, val(rpr, "rStyle")):
            setting = is_on(el.find(W + "vanish"))
            inherited = inherited if setting is None else setting
        return inherited
