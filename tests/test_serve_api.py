"""The service over HTTP, started for real (uvicorn, worker processes) on a free loopback port: its JSON
is the command line's, byte for byte; refusals are clear; nothing is kept; concurrent uploads are
answered correctly and a small one does not wait for a slow one."""

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

pytest.importorskip("uvicorn", reason="the serve extra (starlette, uvicorn, python-multipart) is not installed")

from conftest import SEEDS  # noqa: E402
from serving import SEED_001, Server, archive, cli_json, post, refusal, seed_docx, slow_pdf  # noqa: E402

SEED_BYTES = SEED_001.read_bytes()
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The folder the service starts in: its configuration leaves FZ304 out."""
    path = tmp_path_factory.mktemp("service")
    (path / ".fazhi-check.yaml").write_text("ignore: [FZ304]\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def temp(tmp_path_factory):
    return tmp_path_factory.mktemp("service-tmp")


@pytest.fixture(scope="module")
def server(folder, temp):
    running = Server(folder, temp=temp)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A service with an access token (from the environment), small limits and a --config file."""
    path = tmp_path_factory.mktemp("guarded")
    (path / "strict.yaml").write_text("severity:\n  FZ205: error\n", "utf-8")
    args = ("--config", "strict.yaml", "--max-upload", "1", "--max-files", "3")
    running = Server(path, *args, env={"FAZHI_CHECK_TOKEN": TOKEN})
    yield running
    running.stop()


def findings(body: bytes) -> list[tuple]:
    return [(f["code"], f["line"], f["column"]) for file in json.loads(body)["files"] for f in file["findings"]]


@pytest.mark.parametrize(
    ("name", "data", "fields"),
    [
        ("001.txt", SEED_BYTES, {}),
        ("湖滨区司法局报告.docx", seed_docx(), {}),
        ("001.txt", SEED_BYTES, {"year": "2023", "published": "2025-06-30"}),
        ("damaged.docx", b"PK\x03\x04 cut short", {}),
        ("gbk.txt", SEED_001.read_text("utf-8").encode("gb18030"), {"lang": "en"}),
    ],
    ids=["txt", "docx", "year-and-published", "damaged", "gbk-english"],
)
def test_api_check_gives_what_the_command_line_gives_for_the_same_bytes(server, folder, name, data, fields):
    status, headers, body = post(server.url + "/api/check", [(name, data)], fields)
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    flags = [a for key, value in fields.items() for a in (f"--{key}", value)]
    assert body == cli_json(folder, name, data, *flags)
    codes = {code for code, _, _ in findings(body)}
    assert "FZ304" not in codes  # the configuration of the folder the service runs in applies
    if name == "damaged.docx":
        assert codes == {"FZ001"}  # a file that fails is a finding, not a server error


def test_seed_001_through_the_service_has_its_plan_year_error(server):
    status, _, body = post(server.url + "/api/check", [("001.txt", SEED_BYTES)])
    assert ("FZ201", 36, 3) in findings(body)
    assert json.loads(body)["tool"] == {"name": "fazhi-check", "version": "0.1.0", "schema_version": 1}


def test_several_files_and_a_zip_are_checked_in_the_order_of_their_names(server):
    report = (SEEDS / "002_be5cd676ec83a10e.txt").read_bytes()
    zipped = archive({"司法局/c.txt": report, "司法局/说明.xlsx": b"x"})
    files = [("b.txt", SEED_BYTES), ("报告.zip", zipped), ("a.txt", report), ("a.txt", SEED_BYTES)]
    status, _, body = post(server.url + "/api/check", files)
    answer = json.loads(body)
    assert status == 200
    assert [f["path"] for f in answer["files"]] == ["a(2).txt", "a.txt", "b.txt", "报告.zip/司法局/c.txt"]
    assert answer["summary"]["files"] == 4


@pytest.mark.parametrize(
    ("members", "status", "reason"),
    [
        ({"a.txt": SEED_BYTES, "inner.zip": archive({"b.txt": SEED_BYTES})}, 400, "其中又有压缩包（inner.zip）"),
        ({"a.txt": b"\0" * (30 * 1024 * 1024)}, 413, "a.txt 的压缩比异常（30.0 MB 压成 29."),
    ],
    ids=["nested", "bomb"],
)
def test_a_hostile_zip_is_refused_with_a_reason(server, members, status, reason):
    code, _, body = post(server.url + "/api/check", [("hostile.zip", archive(members))])
    assert code == status and refusal(body).startswith("压缩包 hostile.zip 未打开：") and reason in refusal(body)


def test_bad_fields_are_refused_in_chinese(server):
    url = server.url + "/api/check"
    cases = [
        ({"year": "24"}, "报告年度应为四位年份（如 2024），收到“24”"),
        ({"published": "2025/3/1"}, "公开日期应写作 年-月-日（如 2025-03-20），收到“2025/3/1”"),
        ({"lang": "fr"}, "语言只能是 zh 或 en，收到“fr”"),
    ]
    for fields, reason in cases:
        status, _, body = post(url, [("a.txt", SEED_BYTES)], fields)
        assert (status, refusal(body)) == (400, reason)
    status, _, body = post(url, [], {"year": "2024"})
    assert (status, refusal(body)) == (400, "没有收到文件：请选择要检查的报告")


def test_upload_names_are_labels_never_paths_and_nothing_is_kept(server, folder, temp):
    before = (sorted(os.listdir(folder)), sorted(os.listdir(temp)), sorted(os.listdir(folder.parent)))
    big = SEED_BYTES * 200  # two megabytes: the upload is spooled to a temporary file on its way in
    uploads = [
        ("../../escape.txt", SEED_BYTES),
        ("/tmp/abs.docx", seed_docx()),
        ("long.md", big),
        ("a.zip", archive({"../../../zipslip.txt": SEED_BYTES, "ok/b.txt": SEED_BYTES})),
    ]
    status, _, body = post(server.url + "/api/check", uploads)
    assert status == 200
    paths = [f["path"] for f in json.loads(body)["files"]]
    assert paths == ["a.zip/ok/b.txt", "abs.docx", "escape.txt", "long.md"]
    after = (sorted(os.listdir(folder)), sorted(os.listdir(temp)), sorted(os.listdir(folder.parent)))
    assert after == before


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)
def test_an_old_word_file_is_converted_in_a_folder_that_goes_with_it(server, folder, temp, tmp_path):
    source = tmp_path / "in.docx"
    source.write_bytes(seed_docx())
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    convert = ["soffice", profile, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)]
    subprocess.run(convert, capture_output=True, timeout=300, check=True)
    doc = (tmp_path / "in.doc").read_bytes()
    before = sorted(os.listdir(temp))
    status, _, body = post(server.url + "/api/check", [("旧版.doc", doc)])
    assert status == 200 and body == cli_json(folder, "旧版.doc", doc)
    assert json.loads(body)["files"][0]["encoding"] == "docx" and ("FZ201", 36, 3) in findings(body)
    assert sorted(os.listdir(temp)) == before


def test_twenty_concurrent_uploads_are_all_answered_correctly(server, folder):
    inputs = [(f"seed-{path.stem[:3]}.txt", path.read_bytes()) for path in sorted(SEEDS.glob("*.txt"))]
    expected = {name: cli_json(folder, name, data) for name, data in inputs}
    requests = [inputs[n % len(inputs)] for n in range(20)]
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda item: post(server.url + "/api/check", [item]), requests))
    assert [status for status, _, _ in answers] == [200] * 20
    assert [body for _, _, body in answers] == [expected[name] for name, _ in requests]


def test_a_small_upload_is_answered_while_a_slow_one_is_still_being_checked(server, folder):
    slow = slow_pdf()
    answers: dict = {}

    def send_slow():
        answers["slow"] = post(server.url + "/api/check", [("long.pdf", slow)])
        answers["slow done"] = time.monotonic()

    thread = threading.Thread(target=send_slow)
    thread.start()
    time.sleep(1.0)  # the slow one is in a worker by now
    started = time.monotonic()
    status, _, body = post(server.url + "/api/check", [("001.txt", SEED_BYTES)])
    answered = time.monotonic()
    thread.join(120)
    assert status == 200 and body == cli_json(folder, "001.txt", SEED_BYTES)
    assert answered < answers["slow done"], "the small upload waited for the slow one"
    assert answered - started < 2.0
    slow_status, _, slow_body = answers["slow"]
    checked = json.loads(slow_body)["files"][0]
    assert slow_status == 200 and checked["path"] == "long.pdf" and checked["findings"][-1]["page"] > 50


def test_the_report_stream_gives_progress_then_what_the_command_line_page_and_table_give(server, folder):
    files = [("b.txt", (SEEDS / "002_be5cd676ec83a10e.txt").read_bytes()), ("a.txt", SEED_BYTES)]
    status, headers, body = post(server.url + "/api/report", files)
    lines = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    assert status == 200 and headers["content-type"] == "application/x-ndjson; charset=utf-8"
    assert [line.get("done") for line in lines[:-1]] == [0, 1, 2] and lines[0]["total"] == 2
    report = lines[-1]["report"]
    assert [(f["name"], f["verdict"], f["error"], f["upload"], f["word"]) for f in report["files"]] == [
        ("a.txt", "fail", 1, 1, False),
        ("b.txt", "revise", 0, 0, False),
    ]
    work = folder / "cli"  # the same files on disk, for the command line (below the configuration)
    work.mkdir()
    try:
        for name, data in files:
            (work / name).write_bytes(data)
        for fmt, key in (("html", "html"), ("csv", "csv")):
            command = [sys.executable, "-m", "fazhi_check", "--format", fmt, "a.txt", "b.txt"]
            printed = subprocess.run(command, cwd=work, capture_output=True, timeout=120).stdout.decode("utf-8")
            assert report[key] == printed, fmt
    finally:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    assert report["table"][0][:5] == ["文件", "结论", "发文机关", "标题", "报告年度"] and report["table"][1][:2] == [
        "a.txt",
        "不合格",
    ]
    assert report["table"][-1][:2] == ["合计", "不合格 1 需修改 1 通过 0"]  # the totals row


def test_the_page_is_chinese_and_self_contained(server):
    with urllib.request.urlopen(server.url + "/") as response:
        page = response.read().decode("utf-8")
        policy = response.headers["Content-Security-Policy"]
    assert '<html lang="zh-CN">' in page and "把报告文件拖到这里，或点击选择文件" in page
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert not re.search(r"(src|href)=\"(https?:)?//|@import|url\(", page)
    assert '<script src="/page.js"></script>' in page


def test_a_token_is_required_where_one_is_set(guarded):
    url = guarded.url + "/api/check"
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        status, _, body = post(url, [("a.txt", SEED_BYTES)], headers=headers)
        assert (status, refusal(body)) == (401, "访问口令不正确或未填写")
    auth = {"Authorization": "Bearer " + TOKEN}
    status, _, body = post(url, [("a.txt", SEED_BYTES)], headers=auth)
    assert status == 200
    severities = {f["code"]: f["severity"] for f in json.loads(body)["files"][0]["findings"]}
    assert severities["FZ205"] == "error"  # --config applies


def test_limits_on_files_and_size_are_refused_clearly(guarded):
    auth = {"Authorization": "Bearer " + TOKEN}
    status, _, body = post(guarded.url + "/api/check", [(f"{n}.txt", SEED_BYTES) for n in range(4)], headers=auth)
    assert status == 413
    assert refusal(body) == "文件太多：一次最多检查 3 个文件（压缩包内的文件也计算在内），请分几次检查"
    target = urlparse(guarded.url)
    # a declared length over the limit is refused before the body is sent
    head = (
        f"POST /api/check HTTP/1.1\r\nHost: {target.netloc}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Length: {2 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n"
    )
    assert _exchange(target, head.encode()).startswith(b"HTTP/1.1 413 ")
    # a body without a declared length is counted as it arrives
    part = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
    chunk = part + b"a" * (1024 * 1024 + 10)
    head = head.replace(f"Content-Length: {2 * 1024 * 1024}\r\nExpect: 100-continue", "Transfer-Encoding: chunked")
    answer = _exchange(target, head.encode() + f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ") and "上传内容超过 1 MB 上限".encode() in answer


def _exchange(target, data: bytes) -> bytes:
    with socket.create_connection((target.hostname, target.port), timeout=30) as connection:
        connection.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received or not received.rstrip().endswith(b"}"):
            piece = connection.recv(65536)
            if not piece:
                break
            received += piece
        return received


def test_the_reviewed_copy_is_made_for_word_files_only_and_for_a_zip_member_by_name(server):
    url = server.url + "/api/reviewed"
    word_only = "批注版只能为 Word 或 WPS 文件生成"
    status, _, body = post(url, [("001.txt", SEED_BYTES)])
    assert (status, refusal(body)) == (400, word_only)
    zipped = archive({"司法局/报告.docx": seed_docx(), "司法局/a.txt": SEED_BYTES})
    for fields in ({}, {"member": "司法局/a.txt"}):
        status, _, body = post(url, [("报告.zip", zipped)], fields)
        assert (status, refusal(body)) == (400, word_only), fields
    status, _, body = post(url, [("报告.zip", zipped)], {"member": "nowhere.docx"})
    assert (status, refusal(body)) == (400, "压缩包中没有此文件：nowhere.docx")
    made = [
        post(url, [("报告.docx", seed_docx())]),
        post(url, [("报告.zip", zipped)], {"member": "司法局/报告.docx"}),
    ]
    damaged = post(url, [("坏.docx", b"PK\x03\x04 cut short")])
    for status, headers, body in made:
        assert status == 200 and body.startswith(b"PK\x03\x04")
        disposition = {k.lower(): v for k, v in headers.items()}["content-disposition"]  # HTTP names are any case
        assert disposition.endswith("filename*=UTF-8''" + quote("报告（审阅）.docx"))
        assert b"FZ201" in zipfile.ZipFile(io.BytesIO(body)).read("word/comments.xml")
    assert damaged[0] == 422 and refusal(damaged[2]).startswith("无法生成批注版：")
    assert "不是有效的 Word 文档" in refusal(damaged[2])  # FZ001's message, which names the reason


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finding the worker needs Linux's /proc")
def test_a_worker_killed_while_checking_gives_that_file_fz001_and_the_service_goes_on(tmp_path):
    running = Server(tmp_path, "--workers", "1")
    try:
        pid = running.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        worker = next(c for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text())
        answer: dict = {}
        thread = threading.Thread(
            target=lambda: answer.update(slow=post(running.url + "/api/check", [("long.pdf", slow_pdf())]))
        )
        thread.start()
        time.sleep(1.0)
        os.kill(int(worker), signal.SIGKILL)  # the service's own worker process, started by this test
        thread.join(120)
        status, _, body = answer["slow"]
        checked = json.loads(body)["files"][0]
        assert status == 200 and [f["code"] for f in checked["findings"]] == ["FZ001"]
        assert checked["findings"][0]["message"].endswith("检查此文件时检查进程意外退出（文件可能过大或已损坏）")
        status, _, body = post(running.url + "/api/check", [("001.txt", SEED_BYTES)])
        assert status == 200 and ("FZ201", 36, 3) in findings(body)
    finally:
        running.stop()
