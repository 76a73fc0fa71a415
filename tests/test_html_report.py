"""The clerk's page: a verdict, the parts' coverage, the text with findings marked, rules on click;
escaped report text; rendered in a real browser; and --outline."""

import json
import re
import shutil
import subprocess

import pytest
from conftest import SEEDS

import fazhi_check
from fazhi_check.cli import main

SEED_001 = SEEDS / "001_83ddae5d562b680b.txt"
SEED_002 = SEEDS / "002_be5cd676ec83a10e.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ERROR_MARK = (255, 157, 157)  # mark.error's background in the page's style
FAIL_BADGE = (179, 38, 30)  # .verdict.fail


def _page(capsys, tmp_path, *argv):
    target = tmp_path / "report.html"
    code = main(["--format", "html", "-o", str(target), *argv])
    assert capsys.readouterr().out == ""
    return code, target.read_text("utf-8")


def test_seed_001_page_has_verdict_coverage_and_the_marked_plan_year(capsys, tmp_path):
    code, page = _page(capsys, tmp_path, str(SEED_001))
    assert code == 1
    assert '<span class="verdict fail" id="verdict-1">不合格</span>' in page
    assert '<mark class="error">2024年</mark>推进法治政府建设的工作安排' in page
    fz201 = [i for i, f in enumerate(fazhi_check.check_file(SEED_001).findings) if f.code == "FZ201"][0]
    assert f'<span id="f1-{fz201}"></span><mark class="error">2024年</mark>' in page
    assert f'<a href="#f1-{fz201}">36:3</a> <span class="code">FZ201</span>' in page
    coverage = page[page.index('<table class="coverage">') : page.index("</table>")]
    assert coverage.count('<tr class="present">') == 4 and "第36行：四、2024年推进法治政府建设的工作安排" in coverage
    assert "<details><summary>规则说明与依据</summary>" in page and "厅字〔2019〕28号" in page
    assert not re.search(r"<(link|script|img|iframe)\b|(src|href)=\"(https?:)?//|@import|url\(", page)  # self-contained


def test_folded_and_missing_parts_and_several_files(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    missing.write_text("关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n", "utf-8")
    _, page = _page(capsys, tmp_path, str(SEED_002), str(missing), str(SEEDS / "003_1867eea4f21729fd.txt"))
    assert '<nav class="toc"><ol>' in page and page.count('<section class="file"') == 3
    assert re.search(
        r'<tr class="folded"><td>党政主要负责人[^<]*</td><td class="state">并入其他部分</td><td>第11行：', page
    )
    assert page.count('<tr class="missing">') == 3
    assert "其他部分：五、示范区2024年度法治建设荣誉表彰情况" in page
    assert '<span class="verdict pass"' not in page and '<span class="verdict revise"' in page


def test_report_text_is_escaped(capsys, tmp_path):
    hostile = tmp_path / "<b>x.txt"
    hostile.write_text(
        "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查<script>alert(1)</script>文件"
        '<img src=x onerror="alert(2)">12件。\n',
        "utf-8",
    )
    _, page = _page(capsys, tmp_path, str(hostile))
    assert "<script" not in page and "<img" not in page and "<b>x" not in page
    assert "审查&lt;script&gt;alert(1)&lt;/script&gt;文件&lt;img src=x onerror=&quot;alert(2)&quot;&gt;12件。" in page


def test_english_page_and_every_format_has_english_messages(capsys, tmp_path):
    _, page = _page(capsys, tmp_path, "--lang", "en", str(SEED_001))
    assert '<span class="verdict fail" id="verdict-1">Fails</span>' in page
    assert '<span class="code">FZ201</span> The plan should be for 2025, but it says 2024' in page
    for fmt in ("json", "sarif", "github", "text"):
        main(["--lang", "en", "--format", fmt, str(SEEDS)])
        out = capsys.readouterr().out
        if fmt == "json":
            messages = [f["message"] for file in json.loads(out)["files"] for f in file["findings"]]
        elif fmt == "sarif":
            messages = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
        elif fmt == "github":
            messages = [line.split("::", 2)[2] for line in out.splitlines()]
        else:
            # the message, without the count of a collapsed line and the quoted report text
            messages = [line.split("] ", 1)[1].split(" «")[0] for line in out.splitlines() if "] " in line]
        assert messages and not [m for m in messages if re.search(r"[\u4e00-\u9fff]", m)], fmt


def test_outline_shows_what_was_recognised(capsys):
    code = main(["--outline", str(SEED_001), str(SEED_002)])
    out = capsys.readouterr().out
    assert code == 0
    assert "   报告年度：2024（标题）" in out and "   发文机关：湖滨区司法局" in out
    leadership = "党政主要负责人履行推进法治建设第一责任人职责情况"
    assert f"     6  [一] {leadership}（标题提示、正文确认）  一、深入学习贯彻习近平法治思想" in out
    assert "    11  [·] 主要举措和成效（标题写明）  推进法治政府建设的主要举措和成效" in out
    assert (
        "    36  [四] 下一年度推进法治政府建设的主要安排（标题写明） 2024  四、2024年推进法治政府建设的工作安排" in out
    )
    assert f"    11  并入：{leadership}（句子）  第一责任人职责" in out
    assert "   报告年度：2022（开篇）" in out
    main(["--outline", "--lang", "en", str(SEED_002)])
    out = capsys.readouterr().out
    assert "   report year: 2022 (opening)" in out
    assert "    11  folded: principal leaders' first-responsible-person duty (a sentence)  第一责任人职责" in out
    assert main(["--outline", "--format", "json", str(SEED_002)]) == 2
    assert capsys.readouterr().err == "fazhi-check: --outline 不支持 --format json（可用：text）\n"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package chromium); .ci/run installs it")
def test_seed_001_page_in_headless_chromium_shows_the_verdict_and_the_highlight(capsys, tmp_path):
    from PIL import Image

    _page(capsys, tmp_path, str(SEED_001))
    shot = tmp_path / "shot.png"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,7000"]
    subprocess.run(
        [*command, f"--screenshot={shot}", (tmp_path / "report.html").as_uri()], capture_output=True, timeout=120
    )
    image = Image.open(shot).convert("RGB")
    pixels = image.load()
    width, height = image.size

    def where(colour):
        return [(x, y) for y in range(0, height, 2) for x in range(0, width, 2) if pixels[x, y] == colour]

    marked, badge = where(ERROR_MARK), where(FAIL_BADGE)
    assert len(marked) > 50, "the FZ201 highlight (the report's only error) is not on the screen"
    assert len(badge) > 200, "the 不合格 verdict is not on the screen"
    assert max(y for _, y in badge) < min(y for _, y in marked)  # the verdict comes first
    assert min(x for x, _ in marked) > width // 3  # in the text column, right of the findings list
