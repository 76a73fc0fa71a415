"""GB18030 or Big5: bytes that decode strictly both ways are read in the encoding whose characters in common
use they are; the JSON names the codec used (cp950, big5hkscs), and --fix writes the file back in it."""

import json

import pytest
from conftest import run, seed_files
from hypothesis import given
from hypothesis import strategies as st
from traditional_copies import hong_kong, outline_and_findings, taiwan

import fazhi_check
from fazhi_check.read import decode

SEEDS = [path.read_text("utf-8") for path in seed_files()]
IDS = [path.name[:3] for path in seed_files()]
BIG5 = {"cp950": taiwan, "big5hkscs": hong_kong}  # a copy in the script each encoding is for


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _big5_copy(text: str, codec: str) -> bytes:
    """``text`` in traditional script, encoded as ``codec``; Big5 has no no-break space (U+00A0), which
    the check reads as a space anyway."""
    data = BIG5[codec](text.replace("\xa0", " ")).encode(codec)
    assert _decodes(data, "gb18030")  # every Big5 text is valid GB18030 too: detection has to decide
    assert _decodes(data, "cp950") == (codec == "cp950")  # a Hong Kong copy holds what cp950 lacks
    return data


@pytest.mark.parametrize("codec", BIG5)
@pytest.mark.parametrize("text", SEEDS, ids=IDS)
def test_a_big5_copy_of_a_seed_reads_as_big5_and_gives_its_outline_and_findings(text, codec):
    result = fazhi_check.check_bytes(_big5_copy(text, codec), path="copy.txt")
    assert result.encoding == codec
    assert outline_and_findings(result) == outline_and_findings(fazhi_check.check_text(text))


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
@pytest.mark.parametrize("text", SEEDS, ids=IDS)
def test_a_gb_copy_of_a_seed_still_reads_as_gb18030(text, codec):
    text = text.replace("\xa0", " ") if codec == "gbk" else text  # GBK has no no-break space
    result = fazhi_check.check_bytes(text.encode(codec), path="copy.txt")
    assert result.encoding == "gb18030"
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in fazhi_check.check_text(text).findings]


@pytest.mark.parametrize(
    "text, codec, expected",
    [
        ("2025年2月14日", "gb18030", "gb18030"),  # big5hkscs reads these bytes as "2025爛2堎14゜"
        ("关于2024年法治政府建设情况的报告", "gb18030", "gb18030"),
        ("三、下一步工作打算", "gb18030", "gb18030"),
        ("一、主要举措和成效", "gb18030", "gb18030"),
        ("Section 3 法治 2024 ok", "gb18030", "gb18030"),
        ("關於2024年法治政府建設情況的報告", "cp950", "cp950"),
        ("一、主要舉措和成效", "cp950", "cp950"),
        ("報告", "cp950", "cp950"),
        ("Section 3 法治 2024 ok", "cp950", "cp950"),
        ("2024年裏，恒常推進", "cp950", "cp950"),  # 裏 and 恒: Python's plain big5 lacks them
        ("衞生綫路", "big5hkscs", "big5hkscs"),
    ],
)
def test_short_and_mixed_inputs_that_decode_both_ways(text, codec, expected):
    data = text.encode(codec)
    assert _decodes(data, "gb18030") and (_decodes(data, "cp950") or _decodes(data, "big5hkscs"))
    source = decode(data)
    assert (source.text, source.encoding) == (text, expected)


def test_bytes_that_read_as_common_characters_either_way_are_gb18030():
    """报告 in GB18030 is B1A8 B8E6, which Big5 reads as two characters of its own first level: nothing in the
    bytes tells the two apart, and the reports are written in GB18030's country."""
    data = "报告".encode("gb18030")
    assert data.decode("cp950") == "惆豢"
    assert (decode(data).text, decode(data).encoding) == ("报告", "gb18030")


@given(st.sampled_from(SEEDS), st.integers(0, 10**6), st.integers(16, 400))
def test_every_stretch_of_sixteen_characters_or_more_is_decided_right(text, start, length):
    start %= len(text)
    stretch = text[start : start + length].replace("\xa0", " ")
    if sum(ch >= "\x80" for ch in stretch) < 16:
        return
    assert decode(stretch.encode("gb18030")).encoding == "gb18030"
    assert decode(taiwan(stretch).encode("cp950")).encoding == "cp950"


@pytest.mark.parametrize("text", SEEDS, ids=IDS)
def test_charset_normalizer_agrees_on_whole_reports(text):
    """A differential test against a well-kept detector, on the first 64 KB, where it is reliable."""
    from charset_normalizer import from_bytes

    def family(data):
        best = from_bytes(data[:65536], cp_isolation=["gb18030", "cp950", "big5hkscs"]).best()
        return "gb18030" if best.encoding == "gb18030" else "big5"

    gb, big5 = text.replace("\xa0", " ").encode("gb18030"), _big5_copy(text, "cp950")
    assert (family(gb), family(big5)) == ("gb18030", "big5")
    assert (decode(gb).encoding, decode(big5).encoding) == ("gb18030", "cp950")


def test_json_names_the_codec_of_each_file(capsys, tmp_path):
    text = SEEDS[3]
    (tmp_path / "a.txt").write_bytes(_big5_copy(text, "cp950"))
    (tmp_path / "b.txt").write_bytes(_big5_copy(text, "big5hkscs"))
    (tmp_path / "c.txt").write_bytes(text.encode("gb18030"))
    _, out, _ = run(capsys, "--format", "json", str(tmp_path))
    files = {f["path"].rsplit("/", 1)[-1]: f["encoding"] for f in json.loads(out)["files"]}
    assert files == {"a.txt": "cp950", "b.txt": "big5hkscs", "c.txt": "gb18030"}


@pytest.mark.parametrize("codec", BIG5)
def test_fix_writes_a_big5_file_back_in_its_codec(capsys, tmp_path, codec):
    """A PDF copy in traditional script: "2024 年" spacing and broken lines fixed, the file kept in Big5."""
    draft = tmp_path / "draft.txt"
    draft.write_bytes(_big5_copy(SEEDS[0], codec))
    code, out, err = run(capsys, "--fix", str(draft))
    assert "已修复" in err and "FZ502 ×34" in err and "FZ503 ×4" in err
    data = draft.read_bytes()
    assert decode(data).encoding == codec
    fixed = data.decode(codec)
    assert "2024 年" not in fixed and "法治政府建設" in fixed and "不斷深化。落實" in fixed
    code, out, err = run(capsys, "--fix", str(draft))  # a second --fix changes nothing
    assert draft.read_bytes() == data and "已修复" not in err


def test_undecodable_bytes_are_placed_where_the_encoding_that_reads_furthest_fails():
    text = "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n"
    good = text.encode("gb18030")
    result = fazhi_check.check_bytes(good + b"\xff\xfe\xff" + "二、存在的不足".encode("gb18030"), path="draft.txt")
    (finding,) = result.findings
    assert finding.code == "FZ001" and result.text is None
    assert f"读得最远的 GB18030 也在第 4 行、第 {len(good) + 1} 个字节处无法解码" in finding.message
    traditional = "關於2024年法治政府建設情況的報告\n一、主要舉措和成效\n審查規範性文件12件。\n"
    tie = fazhi_check.check_bytes(traditional.encode("cp950") + b"\x80\x80", path="draft.txt")  # both fail there
    assert "读得最远的 GB18030 也在第 4 行" in tie.findings[0].message  # a tie names GB18030, the standard
