"""--annotate DIR: where each Word input's reviewed copy goes (a file by its name, a file found in a
folder by its path below that folder; a .doc, .wps, .odt or .rtf gets a .docx copy), and checking a
Word file and writing its copy. The original is never written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from .api import check_bytes, check_file
from .read import CONVERTIBLE, ReadError, read_bytes
from .results import Result

WORD_SUFFIXES = (".docx", *CONVERTIBLE)


class ReviewError(ValueError):
    """The folder cannot take the copies (it holds an input, or is a file): ``key`` names the message
    (messages.py), ``params`` fill it."""

    def __init__(self, key: str, **params: str):
        super().__init__(key)
        self.key, self.params = key, params


def is_word(path: str) -> bool:
    return path.lower().endswith(WORD_SUFFIXES)


def destinations(given: Sequence[str], files: Sequence[str], folder: str) -> dict[str, str]:
    """Each Word file among ``files`` -> the path of its reviewed copy in ``folder``. Raises
    ReviewError when ``folder`` is a file or holds one of the inputs (a copy could overwrite one, and
    the next run would check the copies)."""
    root = os.path.realpath(folder)
    if os.path.exists(root) and not os.path.isdir(root):
        raise ReviewError("annotate.not-folder", folder=folder)
    for path in files:
        real = os.path.realpath(path)
        if real == root or real.startswith(root + os.sep):
            raise ReviewError("annotate.holds-input", folder=folder, path=path)
    bases = [os.path.realpath(g) for g in given if os.path.isdir(g)]
    out: dict[str, str] = {}
    taken: set[str] = set()
    for path in files:
        if not is_word(path):
            continue
        real = os.path.realpath(path)
        base = next((b for b in bases if real.startswith(b + os.sep)), None)
        relative = os.path.relpath(real, base) if base else os.path.basename(path)
        stem, suffix = os.path.splitext(relative)
        target = relative if suffix.lower() == ".docx" else stem + ".docx"
        if target in taken:
            target = relative + ".docx"  # 草稿.doc beside 草稿.docx: 草稿.doc.docx
        taken.add(target)
        out[path] = os.path.join(folder, target)
    return out


def review_file(path: str, destination: str, max_bytes: int, options: dict) -> tuple[Result, list[tuple[str, str]]]:
    """Check the Word file at ``path`` and write its reviewed copy to ``destination``; the result and
    notes (Chinese, English) saying what was written or why nothing was."""
    from .fixes import fix_bytes
    from .read.convert import word_bytes
    from .report.docx import annotate, commented, revision_places
    from .writing import WriteError, write_atomically

    try:
        data = word_bytes(read_bytes(path, max_bytes), os.path.splitext(path)[1].lower())
    except ReadError:
        return check_file(path, max_bytes=max_bytes, **options), [
            (f"{path}：无法读取，未写出审阅稿", f"{path}: unreadable, no reviewed copy")
        ]
    result = replace(check_bytes(data, path="draft.docx", max_bytes=max_bytes, **options), path=path)
    if result.text is None:
        return result, [(f"{path}：无法读取，未写出审阅稿", f"{path}: unreadable, no reviewed copy")]
    text_options = {k: v for k, v in options.items() if k != "encoding"}
    fixed = fix_bytes(result.text.encode("utf-8"), "draft.txt", encoding="utf-8", **text_options)
    try:
        copy = annotate(data, result, options.get("lang", "zh"), fixed=fixed.data.decode("utf-8"))
    except Exception as e:  # a structure the copy cannot be made in: the check stands, the copy is not made
        return result, [(f"{path}：审阅稿未写出（{type(e).__name__}）", f"{path}: reviewed copy not written ({e})")]
    try:
        os.makedirs(os.path.dirname(destination) or os.curdir, exist_ok=True)
        write_atomically(destination, copy)
    except WriteError as e:
        return result, [(f"{path}：审阅稿未写出，{e.reason}", f"{path}: reviewed copy not written: {e.reason_en}")]
    except OSError as e:
        return result, [(f"{path}：审阅稿未写出（{e.strerror or e}）", f"{path}: reviewed copy not written: {e}")]
    comments, fixes = len([f for f in result.findings if commented(f)]), sum(fixed.applied.values())
    places = revision_places(result.text, fixed.data.decode("utf-8"))
    return result, [
        (
            f"已写出审阅稿 {destination}：批注 {comments} 条，修订 {places} 处（{fixes} 项自动修复）",
            f"wrote the reviewed copy {destination}: {comments} comment(s), tracked changes in {places} place(s) "
            f"({fixes} safe fix(es))",
        )
    ]
