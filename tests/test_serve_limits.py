"""What an upload may be, without a server: names are labels, never paths; a .zip is opened in memory
within its limits (members, expanded size, ratio, no archive inside, no encryption)."""

import asyncio
import os
import re
import sys
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the serve extra (starlette, uvicorn, python-multipart) is not installed")

from serving import archive  # noqa: E402

from fazhi_check.serve import command  # noqa: E402
from fazhi_check.serve.limits import MB, Limits, Refused, expand, member_name, shown_name, unique, unzip  # noqa: E402
from fazhi_check.serve.workers import Checker, WorkerLost  # noqa: E402

REPORT = "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n".encode()


def refused(data: bytes, limits: Limits | None = None) -> Refused:
    with pytest.raises(Refused) as caught:
        unzip("报告.zip", data, limits or Limits())
    return caught.value


@pytest.mark.parametrize(
    ("given_name", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\科员\\报告.docx", "报告.docx"),
        ("/tmp/x\x00\x1b[31m.txt", "x[31m.txt"),
        ("", "上传文件.txt"),
        (None, "上传文件.txt"),
        ("..", ".."),
    ],
)
def test_an_uploaded_name_is_its_last_part_without_control_characters(given_name, shown):
    assert shown_name(given_name) == shown


@given(st.text(max_size=300))
def test_shown_names_hold_no_separator_or_control_character(name):
    shown = shown_name(name)
    assert shown and len(shown) <= 200
    assert not any(ch in shown for ch in "/\\") and not any(ord(ch) < 32 or ord(ch) == 127 for ch in shown)


@given(st.lists(st.sampled_from(["a.txt", "a(2).txt", "报告.docx", "b"]), max_size=8))
def test_repeated_names_are_told_apart_keeping_their_suffix(names):
    made = unique(names)
    assert len(set(made)) == len(made) == len(names)
    assert [os.path.splitext(m)[1] for m in made] == [os.path.splitext(n)[1] for n in names]
    assert all(made[i] == n for i, n in enumerate(names) if n not in made[:i])  # a first comer keeps its name
    assert unique(["a.txt", "a.txt", "a.txt"]) == ["a.txt", "a(2).txt", "a(3).txt"]


def test_a_zip_gives_its_reports_and_skips_folders_hidden_entries_and_other_kinds():
    data = archive(
        {
            "司法局/2024.txt": REPORT,
            "司法局/说明.xlsx": b"x",
            "__MACOSX/司法局/._2024.txt": b"junk",
            ".DS_Store": b"junk",
            "司法局/": b"",
            "乡镇/a.md": REPORT,
        }
    )
    members, skipped = unzip("报告.zip", data, Limits())
    assert members == [("司法局/2024.txt", REPORT), ("乡镇/a.md", REPORT)]
    assert skipped == ["司法局/说明.xlsx"]
    uploads, passed = expand([("a.txt", REPORT), ("报告.zip", data)], Limits())
    assert [(u.name, u.upload, u.member) for u in uploads] == [
        ("a.txt", 0, None),
        ("报告.zip/司法局/2024.txt", 1, "司法局/2024.txt"),
        ("报告.zip/乡镇/a.md", 1, "乡镇/a.md"),
    ]
    assert passed == ["报告.zip/司法局/说明.xlsx"]


def test_gbk_member_names_from_chinese_windows_are_read_as_written():
    info = zipfile.ZipInfo("placeholder")
    info.filename = "司法局报告.txt".encode("gbk").decode("cp437")  # what zipfile makes of a GBK name
    info.flag_bits = 0
    assert member_name(info) == "司法局报告.txt"
    info.filename, info.flag_bits = "..\\..\\x.txt", 0x800
    assert member_name(info) == "../../x.txt"  # only a label: the service never opens it


def test_a_zip_inside_a_zip_is_refused():
    error = refused(archive({"a.txt": REPORT, "旧/inner.zip": archive({"b.txt": REPORT})}))
    assert error.reason == "压缩包 报告.zip 未打开：其中又有压缩包（旧/inner.zip），请解压后直接上传其中的报告"
    assert error.status == 400


def test_a_zip_bomb_is_refused_by_its_ratio_before_anything_is_unpacked():
    error = refused(archive({"a.txt": b"\0" * (20 * MB)}))  # deflate packs 20 MB of zeros into about 20 KB
    assert re.fullmatch(
        r"压缩包 报告.zip 未打开：a.txt 的压缩比异常（20.0 MB 压成 \d+\.\d KB），疑似“压缩炸弹”", error.reason
    )
    assert error.status == 413


def test_too_many_members_and_too_much_unpacked_are_refused():
    many = archive({f"{n}.txt": REPORT for n in range(6)})
    assert refused(many, Limits(members=5)).reason == "压缩包 报告.zip 未打开：其中有 6 项，超过上限 5 项"
    stored = archive({"a.txt": REPORT * 50, "b.txt": REPORT * 50}, zipfile.ZIP_STORED)
    error = refused(stored, Limits(expanded=len(REPORT) * 60))
    assert error.status == 413 and error.reason == "压缩包 报告.zip 未打开：解压后共 10.3 KB，超过上限 6.2 KB"


def test_a_member_lying_about_its_size_is_read_no_further_and_refused_as_damaged():
    data = bytearray(archive({"a.txt": REPORT * 100}, zipfile.ZIP_STORED))
    central = data.rindex(b"PK\x01\x02")  # the central directory now claims 10 bytes unpacked
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert refused(bytes(data)).reason == "压缩包 报告.zip 未打开：a.txt 无法解压（BadZipFile）"


def test_a_member_over_the_file_limit_is_kept_one_byte_over_so_it_is_checked_as_too_large():
    members, _ = unzip("报告.zip", archive({"a.txt": REPORT * 10}), Limits(file_size=50))
    assert members == [("a.txt", (REPORT * 10)[:51])]


def test_an_encrypted_member_and_a_damaged_archive_are_refused():
    data = bytearray(archive({"a.txt": REPORT}))
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # set the encryption flag where zipfile reads it
        at = data.index(header) + (6 if header == b"PK\x03\x04" else 8)
        data[at] |= 0x1
    assert refused(bytes(data)).reason == "压缩包 报告.zip 未打开：文件已加密（a.txt），请上传未加密的压缩包"
    assert refused(b"PK\x03\x04 not really").reason.endswith("不是有效的 zip 压缩包（文件已损坏或其实是其他格式）")


def test_more_files_than_allowed_are_refused_counting_the_members():
    data = archive({f"{n}.txt": REPORT for n in range(3)})
    with pytest.raises(Refused) as caught:
        expand([("a.txt", REPORT), ("b.zip", data)], Limits(files=3))
    assert caught.value.reason == "文件太多：一次最多检查 3 个文件（压缩包内的文件也计算在内），请分几次检查"
    assert caught.value.status == 413


def test_a_worker_that_dies_is_replaced_and_the_pool_goes_on():
    async def scenario():
        checker = Checker(1, None)
        await checker.start()
        try:
            with pytest.raises(WorkerLost):
                await checker.call(os._exit, 1)
            assert await checker.call(os.getpid) != os.getpid()
        finally:
            checker.close()

    asyncio.run(scenario())


def test_the_service_listens_on_this_machine_only_unless_told():
    args = command.parser().parse_args([])
    assert (args.host, args.port, args.config, args.token) == ("127.0.0.1", 8000, None, None)
    assert command.is_loopback("127.0.0.1") and command.is_loopback("::1") and command.is_loopback("localhost")
    assert not command.is_loopback("0.0.0.0") and not command.is_loopback("192.0.2.1")


def test_without_the_extra_serve_says_what_to_install(capsys, monkeypatch):
    from fazhi_check.cli import main

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now fails as where it is not installed
    assert main(["serve"]) == 2
    assert "serve 需要可选组件（缺少 uvicorn），请先安装：pip install 'fazhi-check[serve]'" in capsys.readouterr().err


def test_a_bad_configuration_stops_the_service_before_it_starts(capsys, tmp_path):
    from fazhi_check.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("ignore: [FZ999]\n", "utf-8")
    assert main(["serve", "--config", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"fazhi-check: 配置文件有误 {bad}：$.ignore：没有与 FZ999 相符的规则")


def test_the_services_help_and_refusals_are_in_the_users_language(capsys):
    from fazhi_check.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：fazhi-check serve ") and "监听的地址（默认 127.0.0.1：仅本机可访问）" in out
    english = (["--lang", "en", "serve", "--help"], ["serve", "--lang", "en", "--help"], ["--lang=en", "serve", "-h"])
    for argv in english:
        with pytest.raises(SystemExit):
            main(argv)
        assert capsys.readouterr().out.startswith("usage: fazhi-check serve "), argv
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--port", "notaport"])
    assert stopped.value.code == 2 and capsys.readouterr().err.startswith("fazhi-check serve: 命令行有误（")


def test_a_bad_configuration_is_told_in_english_with_lang_en(capsys, tmp_path):
    from fazhi_check.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("ignore: [FZ999]\n", "utf-8")
    assert main(["serve", "--lang", "en", "--config", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"fazhi-check: bad configuration {bad}: at $.ignore: no rule matches")
