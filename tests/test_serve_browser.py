"""The clerk's page in headless Chromium (the system's, driven by Playwright; no browser is downloaded),
against the real service: upload, progress, verdicts, the marked report, the downloads, refusals."""

import io
import re
import shutil
import tempfile
import zipfile

import pytest

pytest.importorskip("uvicorn", reason="the serve extra (starlette, uvicorn, python-multipart) is not installed")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Chromium is not installed (Debian package chromium); .ci/run installs it", allow_module_level=True)

from serving import SEED_001, Server, archive, seed_docx, slow_pdf  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("page-service"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, accept_downloads=True
        )
        yield context
        context.close()


@pytest.fixture
def page(browser, server):
    opened = browser.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(server.url + "/")
    yield opened
    opened.close()
    assert not errors, errors


@pytest.fixture
def files(tmp_path):
    def write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def check(page, paths: list[str]) -> None:
    page.set_input_files("#file", paths)
    page.click("#start")
    page.wait_for_selector("#results:not([hidden]), #problem:not([hidden])", timeout=120_000)


def test_a_seed_and_a_word_draft_give_their_verdicts_the_marked_report_and_the_table(page, files):
    check(page, [str(SEED_001), files("湖滨区司法局报告.docx", seed_docx())])
    items = page.locator("#files li")
    assert items.count() == 2
    assert items.nth(0).locator(".name").inner_text() == "001_83ddae5d562b680b.txt"
    assert items.nth(0).locator(".verdict").inner_text() == "不合格"
    assert items.nth(1).locator(".name").inner_text() == "湖滨区司法局报告.docx"
    assert items.nth(1).locator(".verdict").inner_text() == "不合格"
    report = page.frame_locator("#report")
    assert report.locator("#verdict-1").inner_text() == "不合格"
    plan_year = report.locator("#file-1 mark.error")
    assert plan_year.count() == 1 and plan_year.inner_text() == "2024年" and plan_year.is_visible()
    finding = report.locator("#file-1 li.error", has_text="FZ201")
    assert finding.locator("a").inner_text() == "36:3"
    finding.locator("summary").click()  # the rule's explanation and basis, on click
    assert "厅字〔2019〕28号" in finding.locator("details div").inner_text()
    rows = page.locator("#review-table tr")
    assert rows.count() == 4 and rows.nth(1).locator("td").nth(2).inner_text() == "湖滨区司法局"  # and totals
    with page.expect_download() as download:
        page.click("#save-csv")
    csv = download.value.path().read_bytes().decode("utf-8")
    assert download.value.suggested_filename == "汇总表.csv"
    assert csv.startswith("\ufeff文件,结论,发文机关,标题,报告年度,") and csv.count("\r\n") == 4
    row = "001_83ddae5d562b680b.txt,不合格,湖滨区司法局,关于2024年法治政府建设情况的报告,2024,有,有,有,有,2024,1,"
    assert row in csv
    assert page.locator("button.word").count() == 1


def test_the_reviewed_word_copy_downloads_with_its_comments(page, files):
    check(page, [files("湖滨区司法局报告.docx", seed_docx())])
    with page.expect_download() as download:
        page.click("button.word")
    assert download.value.suggested_filename == "湖滨区司法局报告（审阅）.docx"
    reviewed = download.value.path().read_bytes()
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(reviewed)) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        document = package.read("word/document.xml")
    texts = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    assert any("FZ201" in text for text in texts), texts
    assert {c.get(f"{W}author") for c in comments.iter(f"{W}comment")} == {"fazhi-check"}
    assert document.count(b"<w:commentRangeStart ") == len(texts)


def test_a_hostile_zip_is_refused_with_a_clear_reason(page, files):
    check(page, [files("hostile.zip", archive({"a.txt": b"\0" * (30 * 1024 * 1024)}))])
    shown = page.locator("#problem").inner_text()
    assert shown.startswith("压缩包 hostile.zip 未打开：a.txt 的压缩比异常") and "疑似“压缩炸弹”" in shown
    assert page.locator("#results").is_hidden()


def test_a_zip_of_a_folder_is_checked_member_by_member_and_the_rest_is_listed_as_skipped(page, files):
    folder = archive({"司法局/2024.txt": SEED_001.read_bytes(), "司法局/说明.xlsx": b"x", "司法局/": b""})
    check(page, [files("报告.zip", folder)])
    assert page.locator("#files li .name").inner_text() == "报告.zip/司法局/2024.txt"
    assert page.locator("#skipped").inner_text() == "已跳过 1 个不能检查的文件：报告.zip/司法局/说明.xlsx"


def test_a_file_that_cannot_be_read_shows_its_fz001(page, files):
    check(page, [files("坏文件.docx", b"PK\x03\x04 cut short")])
    assert page.locator("#files li .verdict").inner_text() == "不合格"
    finding = page.frame_locator("#report").locator("li.error")
    assert finding.locator(".code").inner_text() == "FZ001"
    assert "不是有效的 Word 文档" in finding.inner_text()


def test_progress_is_shown_while_a_long_report_is_checked(page, files):
    page.set_input_files("#file", [files("long.pdf", slow_pdf())])
    page.click("#start")
    shown = playwright.expect(page.locator("#progress-text"))
    shown.to_contain_text("正在检查：已完成 0 / 1 个文件", timeout=30_000)
    assert page.locator("#progress").is_visible() and page.locator("#start").is_disabled()
    shown.to_contain_text("已用时", timeout=30_000)  # the clock goes on while the worker checks
    page.wait_for_selector("#results:not([hidden])", timeout=120_000)
    assert page.locator("#progress").is_hidden() and page.locator("#start").is_enabled()
    assert page.locator("#files li .name").inner_text() == "long.pdf"


def test_a_service_with_a_token_asks_for_it(browser, tmp_path):
    guarded = Server(tmp_path, env={"FAZHI_CHECK_TOKEN": "s3cret-token"})
    opened = browser.new_page()
    try:
        opened.goto(guarded.url + "/")
        assert opened.locator("#token-field").is_visible()
        check(opened, [str(SEED_001)])
        assert opened.locator("#problem").inner_text() == "访问口令不正确或未填写"
        opened.goto(guarded.url + "/#token=s3cret-token")  # a link that carries it (never sent to the server)
        opened.reload()
        assert opened.locator("#token").input_value() == "s3cret-token"
        check(opened, [str(SEED_001)])
        assert opened.locator("#files li .verdict").inner_text() == "不合格"
    finally:
        opened.close()
        guarded.stop()


def test_the_page_uses_nothing_from_outside(browser, server):
    opened = browser.new_page()
    asked: list[str] = []
    opened.on("request", lambda request: asked.append(request.url))
    try:
        opened.goto(server.url + "/")
        check(opened, [str(SEED_001)])
    finally:
        opened.close()
    outside = [url for url in asked if not re.match(re.escape(server.url) + r"/|about:|blob:|data:", url)]
    assert not outside, outside
