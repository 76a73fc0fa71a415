"""What Lark builds from the outline grammar (outline.lark, markers.lark), written as data for outline.py
to scan with: ``python -m fazhi_check.lark_scanner`` writes outline_scanner.json (a test fails when it
is stale). And Lark's own parse of a text, the reference the tests hold the scan to. A check imports
this module, and Lark, only when the grammar was edited after the scanner was written."""

from __future__ import annotations

import json
import re

from .datafiles import package_file

SCANNER = "outline_scanner.json"
GRAMMAR = ("outline.lark", "markers.lark")


def grammar() -> dict[str, str]:
    """The grammar's files as they are now (a scanner written from other text is not used)."""
    return {name: package_file(name).decode("utf-8") for name in GRAMMAR}


def scanner_tables() -> dict:
    """What outline_scanner.json holds, built by Lark from outline.lark: each lexer state's pattern
    (Lark's contextual lexer's, its terminals in the order Lark tries them), the state after each
    terminal (the LALR state it is shifted into), and each heading marker's optional tail."""
    built = _lark()
    lexer = built.parser.lexer
    table = built.parser.parser.parser.parse_table
    states: dict[str, str] = {}  # pattern -> the name of its state, in the order first met

    def state_of(parser_state: int) -> str:
        scanner = lexer.lexers[parser_state].scanner
        if len(scanner._mres) != 1:
            raise ValueError("a lexer state needs more than one pattern: the scan assumes one")
        if scanner._mres[0].flags != re.compile("").flags:
            raise ValueError("the lexer compiles with flags the scan does not use")
        return states.setdefault(scanner._mres[0].pattern, "line" if not states else f"state{len(states)}")

    start = state_of(table.start_states["start"])
    after: dict[str, str] = {}
    for actions in table.states.values():
        for terminal, (action, target) in actions.items():
            if action.name == "Shift" and terminal in lexer.root_lexer.terminals_by_name:
                following = state_of(target)
                if after.setdefault(terminal, following) != following:
                    raise ValueError(f"the lexer state after {terminal} depends on more than {terminal}")
    heading: dict[str, str] = {}
    for rule in built.rules:
        if rule.origin.name == "heading":
            names_ = [s.name for s in rule.expansion]
            if len(names_) == 2:
                heading[names_[0]] = names_[1]
    return {
        "generated": "by Lark from outline.lark and markers.lark: python -m fazhi_check.lark_scanner",
        "start": start,
        "states": {name: pattern for pattern, name in states.items()},
        "after": dict(sorted(after.items())),
        "heading": dict(sorted(heading.items())),
        "grammar": grammar(),  # what it was built from: outline.py builds it anew from any other grammar
    }


def _lark():
    from lark import Lark

    return Lark.open_from_package("fazhi_check", "outline.lark", parser="lalr", lexer="contextual")


def lark_tokens(normalized: str) -> list[tuple[str, int, int]]:
    """(terminal, start, end) of each token of Lark's own parse of ``normalized`` (tests compare)."""
    from lark import Transformer

    class Flat(Transformer):
        def heading(self, children):
            return children

        def lines(self, children):
            if not children:
                return []
            collected, item = children
            collected.extend(item if isinstance(item, list) else [item])
            return collected

        def start(self, children):
            return [(t.type, t.start_pos, t.end_pos) for t in children[0]]

    return Flat().transform(_lark().parse(normalized))


def scanner_text() -> str:
    """outline_scanner.json's text as Lark writes it now."""
    return json.dumps(scanner_tables(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name(SCANNER).write_text(scanner_text(), "utf-8")
    print(f"written: {SCANNER}")
