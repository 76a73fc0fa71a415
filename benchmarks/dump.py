"""Every finding and fact fazhi-check gives on a fixed corpus, as one JSON document: what a behaviour-keeping
change must leave byte-identical.

    python benchmarks/dump.py OUT.json          # then: cmp OUT.json an earlier dump

The corpus: seeds/, tests/samples, tests/corpus, every rule case and rule example, and variants of the
seeds made here (hard-wrapped as a PDF gives them, GB18030 and CRLF, spaces and half-width punctuation,
numerals lost, title run into the opening, Markdown, Word with typed and automatic numerals). Each
entry is the file's JSON result with every rule selected; the seeds also go through every report format.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import fazhi_check  # noqa: E402
from fazhi_check.cli import main as cli_main  # noqa: E402

SELECT_ALL = ["ALL"]


def inputs() -> list[tuple[str, bytes]]:
    """(name, bytes) of every input, in a fixed order."""
    out = []
    for folder in ("seeds", "tests/samples", "tests/corpus"):
        for p in sorted((ROOT / folder).glob("*.txt")):
            out.append((f"{folder}/{p.name}", p.read_bytes()))
    for p in sorted((ROOT / "tests" / "rule_cases").glob("*.yaml")):
        data = yaml.safe_load(p.read_text("utf-8"))
        for name, case in data["cases"].items():
            for key in ("pass_str", "fail_str", "pass_hex", "fail_hex"):
                if key in case:
                    raw = case[key]
                    blob = bytes.fromhex(raw) if key.endswith("_hex") else raw.encode(case.get("encoding", "utf-8"))
                    out.append((f"case/{data['rule']}/{name}.txt", blob))
    for rule in fazhi_check.load_rules():
        for key in ("pass", "fail"):
            for i, example in enumerate(rule.examples[key]):
                out.append((f"example/{rule.code}/{key}{i}.txt", example["text"].encode("utf-8")))
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        for kind, variant in variants(text):
            suffix = ".md" if kind == "markdown" else ".txt"
            data = variant if isinstance(variant, bytes) else variant.encode("utf-8")
            out.append((f"variant/{kind}/{p.stem}{suffix}", data))
    return out


def variants(text: str):
    lines = text.split("\n")
    yield "wrapped", "\n".join(piece for line in lines for piece in _wrap(line, 28))
    yield "gb18030-crlf", text.replace("\n", "\r\n").encode("gb18030")
    yield "spaced", re.sub(r"(\d)(年|月|日|件|个|次|人)", r"\1 \2", text)
    yield "halfwidth", text.replace("，", ",").replace("：", ":").replace("（", "(").replace("）", ")")
    yield "no-h1-numerals", re.sub(r"(?m)^([ \t\u3000]*)[一二三四五六七八九十]{1,2}、", r"\1", text)
    yield "run-in", text.replace("\n", "", 1)
    yield "one-line", re.sub(r"\n(?=[一二三四五六七八九十]{1,2}、)", "", text)
    yield "fullwidth-space", re.sub(r"(?m)^(?=\S)", "\u3000\u3000", text)
    yield "markdown", re.sub(r"(?m)^([一二三四五六七八九十]{1,2}、.*)$", r"## \1", text)


def _wrap(line: str, width: int):
    if len(line) <= width:
        yield line
        return
    for i in range(0, len(line), width):
        yield line[i : i + width]


def docx_inputs() -> list[tuple[str, bytes]]:
    import docx_fixtures

    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text("utf-8")
        for auto in (False, True):
            out.append((f"docx/{p.stem}.{'auto' if auto else 'typed'}.docx", docx_fixtures.report_docx(text, auto)))
    return out


def result(name: str, data: bytes) -> dict:
    found = fazhi_check.check_bytes(data, path=name, select=SELECT_ALL)
    out = found.to_dict()
    doc = found.document
    if doc is not None:
        out["outline"] = {
            "plan_year": doc.plan_year.value if doc.plan_year else None,
            "folds": [[f.kind, f.via, f.line, f.start, f.end] for f in doc.folds],
            "parts": [
                [p.kind, list(p.also), p.kind_source, [s.line.number for s in p.subheadings], len(p.enumerations)]
                for p in doc.parts
            ],
        }
    return out


def formats() -> dict:
    """The seeds through every report format of the command line."""
    out = {}
    seeds = str(ROOT / "seeds")
    for argv in (
        ["--format", "text"],
        ["--format", "json"],
        ["--format", "github"],
        ["--format", "sarif"],
        ["--format", "summary"],
        ["--format", "csv"],
        ["--format", "html"],
        ["--outline"],
        ["--statistics"],
        ["--format", "text", "--lang", "en"],
    ):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp, "out")
            with redirect_stdout(io.StringIO()):
                status = cli_main([*argv, "--isolated", "--jobs", "1", "-o", str(target), seeds])
            text = target.read_text("utf-8") if target.exists() else ""
            out[" ".join(argv)] = [status, text.replace(str(ROOT) + "/", "")]
    return out


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    dump = {
        "files": [result(name, data) for name, data in inputs() + docx_inputs()],
        "formats": formats(),
    }
    Path(sys.argv[1]).write_text(json.dumps(dump, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    print(f"{len(dump['files'])} checks written to {sys.argv[1]}")


if __name__ == "__main__":
    main()
