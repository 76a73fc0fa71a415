"""Old office formats (.doc, .wps, .odt, .rtf) -> .docx through LibreOffice, where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ReadError
from .ole import ole_kind

TIMEOUT = 120  # seconds for one conversion; LibreOffice's cold start alone takes a few
BATCH = 50  # files converted by one start of LibreOffice
_converted: dict[bytes, bytes] = {}  # digest of an old office file -> its .docx, from convert_batch
# how each format's files begin: .doc and WPS files are OLE compound files, .odt a zip, RTF text
_MAGIC = {
    ".doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ".wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ".odt": b"PK\x03\x04",
    ".rtf": b"{\\rtf",
}


def word_bytes(data: bytes, suffix: str) -> bytes:
    """The .docx bytes of a Word input: a .docx as it is (an old .doc named .docx converted), any
    other office format converted."""
    if suffix == ".docx":
        if ole_kind(data) != "word":
            return data
        suffix = ".doc"  # an old .doc (or WPS file) renamed .docx: convert it as what it is
    from . import CONVERTIBLE

    return convert_to_docx(data, suffix, CONVERTIBLE[suffix])


def convert_to_docx(data: bytes, suffix: str, kind: str) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by ``soffice --headless`` in a temporary
    folder; ReadError says how to convert by hand where LibreOffice is missing or fails."""
    by_hand = "请用 Word 或 WPS 打开后“另存为”Word 文档（.docx）再检查"
    if not data.startswith(_MAGIC[suffix]):
        raise ReadError(
            f"不是有效的{kind}（文件已损坏或其实是其他格式）", f"not a valid {suffix} file (damaged or another format)"
        )
    cached = _converted.get(_digest(data))
    if cached is not None:
        return cached
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError(
            f"{kind}（{suffix}）需先转换：{by_hand}（装有 LibreOffice 时本工具会自动转换）",
            f"{suffix} files need converting: open it in Word or WPS and save it as .docx "
            "(with LibreOffice installed, fazhi-check converts it itself)",
        )
    with tempfile.TemporaryDirectory(prefix="fazhi-check-") as tmp:
        source = Path(tmp, "draft" + suffix)
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            tmp,
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(
                f"LibreOffice 转换{kind}超时（{TIMEOUT} 秒）；{by_hand}",
                "LibreOffice timed out converting it; save it as .docx",
            ) from None
        except OSError as e:
            raise ReadError(f"无法运行 LibreOffice（{e.strerror or e}）；{by_hand}", "cannot run LibreOffice") from None
        converted = Path(tmp, "draft.docx")
        if not converted.is_file():
            raise ReadError(
                f"LibreOffice 无法转换此{kind}（文件可能已损坏）；{by_hand}",
                "LibreOffice could not convert it (the file may be damaged); save it as .docx",
            )
        return converted.read_bytes()


def _digest(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()


def convert_batch(files: list[tuple[str, bytes]]) -> int:
    """Convert many old office files (suffix, bytes) with one start of LibreOffice per BATCH of them,
    so that convert_to_docx then finds them done; how many were converted. A batch that fails or
    stalls converts nothing: its files are then converted one at a time, each with its own reason."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    files = [(suffix, data) for suffix, data in files if data.startswith(_MAGIC[suffix])]
    if soffice is None or len(files) < 2:
        return 0
    done = 0
    for start in range(0, len(files), BATCH):
        chunk = files[start : start + BATCH]
        with tempfile.TemporaryDirectory(prefix="fazhi-check-") as tmp:
            sources = [Path(tmp, f"{n:04}{suffix}") for n, (suffix, _) in enumerate(chunk)]
            for source, (_, data) in zip(sources, chunk):
                source.write_bytes(data)
            command = [soffice, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless"]
            command += ["--norestore", "--convert-to", "docx", "--outdir", tmp, *map(str, sources)]
            try:
                subprocess.run(command, capture_output=True, timeout=TIMEOUT + 5 * len(chunk), stdin=subprocess.DEVNULL)
            except (subprocess.TimeoutExpired, OSError):
                continue
            for source, (_, data) in zip(sources, chunk):
                converted = source.with_suffix(".docx")
                if converted.is_file():
                    _converted[_digest(data)] = converted.read_bytes()
                    done += 1
    return done
