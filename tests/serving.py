"""The real service for the serve tests (and docs/generate.py's screenshot): ``fazhi-check serve --port 0``
started in a subprocess (uvicorn, its worker processes), its port read from its log; multipart requests
sent with urllib; the inputs."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from functools import lru_cache
from pathlib import Path

from docx_fixtures import report_docx

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_001 = SEEDS / "001_83ddae5d562b680b.txt"
STARTUP = 60  # seconds for uvicorn and its worker processes to be ready


class Server:
    """``fazhi-check serve`` on a free loopback port, in ``folder`` (its configuration's folder), with
    ``TMPDIR`` set to ``temp`` so a test can see what it leaves there."""

    def __init__(self, folder: Path, *args: str, temp: Path | None = None, env: dict | None = None) -> None:
        environment = {**os.environ, **(env or {})}
        if temp is not None:
            environment["TMPDIR"] = str(temp)
        command = [sys.executable, "-m", "fazhi_check", "serve", "--port", "0", *args]
        self.process = subprocess.Popen(
            command,
            cwd=folder,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.log: list[str] = []
        started = threading.Event()

        def read() -> None:
            for line in self.process.stdout:
                self.log.append(line)
                if "Uvicorn running on" in line:
                    started.set()
            started.set()

        threading.Thread(target=read, daemon=True).start()
        if not started.wait(STARTUP) or self.process.poll() is not None:
            self.stop()
            raise RuntimeError("the service did not start:\n" + "".join(self.log))
        found = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", "".join(self.log))
        self.url = found.group(1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def multipart(files: list[tuple[str, bytes]], fields: dict | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body with one ``file`` field per (name, bytes), and the other fields."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for key, value in (fields or {}).items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for name, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        out.write(f"{head}Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def post(url: str, files: list[tuple[str, bytes]], fields: dict | None = None, headers: dict | None = None):
    """(status, headers, body) of a multipart POST."""
    body, kind = multipart(files, fields)
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def refusal(body: bytes) -> str:
    return json.loads(body)["error"]


def cli_json(folder: Path, name: str, data: bytes, *args: str) -> bytes:
    """What ``fazhi-check --format json --stdin-filename NAME -`` prints for ``data``, run in ``folder``."""
    command = [sys.executable, "-m", "fazhi_check", "--format", "json", "--stdin-filename", name, *args, "-"]
    return subprocess.run(command, cwd=folder, input=data, capture_output=True, timeout=120).stdout


def seed_docx() -> bytes:
    """Seed 001 as a Word draft whose headings Word numbers itself."""
    return report_docx(SEED_001.read_text("utf-8"), auto=True)


@lru_cache(maxsize=1)
def slow_pdf() -> bytes:
    """A published report of 40 times seed 001's length (about 290 pages): seconds of real checking
    (PDF layout analysis), not a sleep."""
    from publish_fixtures import report_pdf

    return report_pdf(SEED_001.read_text("utf-8") * 40)


def archive(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def wait_until(condition, timeout: float = 60) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False
