"""Reading inputs: encodings detected without being told, and every failure a reason, never a traceback."""

import codecs

import pytest

from fazhi_check.read import ReadError, decode, read_path

TEXT = "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_detected(data, encoding):
    source = decode(data)
    assert (source.text, source.encoding) == (TEXT, encoding)


def test_named_encoding_overrides_detection():
    assert decode(TEXT.encode("big5", "ignore"), "big5").encoding == "big5"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00\x01\x02", "NUL"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12" * 3, "控制字符"),
        (b"\x80\x81\x30\xff" * 10, "无法识别编码"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfa", "字节顺序标记"),
    ],
)
def test_undecodable_bytes_have_a_reason(data, reason):
    with pytest.raises(ReadError) as e:
        decode(data)
    assert reason in e.value.reason and e.value.reason_en


def test_files_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 100, "utf-8")
    with pytest.raises(ReadError) as e:
        read_path(str(path), max_bytes=1000)
    assert "文件过大" in e.value.reason and "limit 1000" in e.value.reason_en


def test_a_folder_and_a_missing_file(tmp_path):
    for path, reason in ((tmp_path, "文件夹"), (tmp_path / "nope.txt", "不存在")):
        with pytest.raises(ReadError) as e:
            read_path(str(path))
        assert reason in e.value.reason


def test_symlink_loop(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ReadError) as e:
        read_path(str(loop))
    assert e.value.reason == "符号链接循环（链接最终指向自身），未读取"
