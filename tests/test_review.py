"""The reviewed Word copy: findings as comments on their words, safe fixes as tracked changes that,
accepted, give what --fix gives for the same draft as .txt; the original untouched."""

import io
import shutil
import subprocess
import zipfile

import docx_fixtures
import pytest
from docx_fixtures import accept_all, commented_ranges, report_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import fazhi_check
from fazhi_check.cli import main
from fazhi_check.fixes import fix_bytes
from fazhi_check.read.word import read_docx
from fazhi_check.report.docx import AnnotateError, annotate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _faulty_draft() -> str:
    """DRAFT with an error (the plan's year), a warning (a numeral out of sequence), half-width
    punctuation, a sentence broken over two paragraphs, a spaced year and no date."""
    lines = docx_fixtures.draft_lines()
    lines[10] = "四、2024年推进法治政府建设的主要安排"
    lines[5] = "（三）深化执法监督。全年审查规范性文件12件,办理行政复议案件85件(含调解15件),组织培训6场次。"
    lines[7] = "局主要负责人认真履行推进法治建设第一责任人职责，亲自部署重要工作，亲自协调重大问题，全年主持召开专"
    lines.insert(8, "题会议4次，2024 年共开展法治讲座3场。")
    return "\n".join(lines[:-1])


def _comments(copy: bytes) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/comments.xml"))
    return {
        c.get(W + "id"): "\n".join("".join(t.text for t in p.iter(W + "t")) for p in c.iter(W + "p"))
        for c in root.iter(W + "comment")
        if c.get(W + "author") == "fazhi-check"
    }


@pytest.fixture(scope="module")
def reviewed():
    text = _faulty_draft()
    data = report_docx(text)
    result = fazhi_check.check_bytes(data, path="draft.docx")
    fixed = fix_bytes(text.encode("utf-8"), "draft.txt").data.decode("utf-8")
    original = bytes(data)
    copy = annotate(data, result, fixed=fixed)
    assert data == original  # the original's bytes are not touched
    return text, data, result, fixed, copy


def test_every_error_and_warning_is_a_comment_on_its_evidence(reviewed):
    _, _, result, _, copy = reviewed
    commented = [f for f in result.findings if f.severity in ("error", "warning") or f.fix is None]
    assert {f.code for f in commented} >= {"FZ201", "FZ304", "FZ205"}
    ranges, comments = commented_ranges(copy), _comments(copy)
    assert len(comments) == len(commented) == len(ranges)
    for finding, (comment_id, held) in zip(commented, sorted(ranges.items(), key=lambda kv: int(kv[0]))):
        assert held == finding.evidence, finding.code
        assert comments[comment_id].startswith(f"【{finding.code} ")
        assert finding.message in comments[comment_id]
        assert "依据：" in comments[comment_id]


def test_an_unsafe_fix_is_suggested_in_the_comment_not_made(reviewed):
    _, _, _, _, copy = reviewed
    fz201 = next(c for c in _comments(copy).values() if c.startswith("【FZ201"))
    assert "建议改为：2025年" in fz201
    assert "四、2024年" in read_docx(accept_all(copy))


def test_a_missing_date_says_where_it_belongs(reviewed):
    _, _, _, _, copy = reviewed
    fz205 = next(c for c in _comments(copy).values() if c.startswith("【FZ205"))
    assert "成文日期应写在全文末尾" in fz205


def test_accepting_every_change_gives_what_fix_gives_for_the_txt(reviewed):
    text, _, _, fixed, copy = reviewed
    assert fixed != text
    assert read_docx(accept_all(copy)) == fixed
    assert read_docx(copy).split("\n")[:7] == fixed.split("\n")[:7]  # Word shows the changes made


def test_changes_cover_only_the_characters_that_change(reviewed):
    _, _, _, _, copy = reviewed
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    deleted = [
        "".join(t.text for t in d.iter(W + "delText")) for d in root.iter(W + "del") if d.getparent().tag != W + "rPr"
    ]
    inserted = ["".join(t.text for t in i.iter(W + "t")) for i in root.iter(W + "ins")]
    assert sorted(deleted) == sorted([",", "(", "),", " "])
    assert sorted(inserted) == sorted(["，", "（", "），"])
    assert len([d for d in root.iter(W + "del") if d.getparent().tag == W + "rPr"]) == 1  # the broken line
    assert {d.get(W + "author") for d in root.iter(W + "del")} == {"fazhi-check"}


def test_what_is_not_touched_stays_byte_for_byte(reviewed):
    _, data, _, _, copy = reviewed
    before, after = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(io.BytesIO(copy))
    changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "word/comments.xml"}
    for name in before.namelist():
        if name not in changed:
            assert before.read(name) == after.read(name), name
    assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}


def test_the_users_own_comments_and_revisions_stay():
    document = docx_fixtures.draft_document()
    p = document.paragraphs[2]
    document.add_comment(p.runs, text="请核实数据", author="王五", initials="WW")
    data = docx_fixtures.save(docx_fixtures.tracked_edits_into(document))
    result = fazhi_check.check_bytes(data, path="draft.docx")
    copy = annotate(data, result)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/comments.xml"))
    authors = [c.get(W + "author") for c in root.iter(W + "comment")]
    assert authors.count("王五") == 1
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    assert {d.get(W + "author") for d in doc.iter(W + "del")} >= {"李四"}
    ids = [el.get(W + "id") for el in doc.iter(W + "commentRangeStart")]
    assert len(ids) == len(set(ids)) == len(authors)


def test_a_comment_on_a_drawn_numeral_holds_the_heading():
    text = _faulty_draft()
    data = report_docx(text, auto=True)
    result = fazhi_check.check_bytes(data, path="draft.docx")
    fz304 = next(f for f in result.findings if f.code == "FZ304")
    copy = annotate(data, result)
    held = commented_ranges(copy)
    assert fz304.evidence == "（三）"
    assert "深化执法监督。全年审查规范性文件12件,办理行政复议案件85件(含调解15件),组织培训6场次。" in held.values()


def test_findings_of_another_text_are_refused():
    result = fazhi_check.check_text(docx_fixtures.DRAFT + "\n多出的一段。")
    with pytest.raises(AnnotateError):
        annotate(report_docx(docx_fixtures.DRAFT), result)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_comments_and_changes(reviewed, tmp_path):
    _, _, _, _, copy = reviewed
    (tmp_path / "copy.docx").write_bytes(copy)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "odt",
         "--outdir", str(tmp_path), str(tmp_path / "copy.docx")],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    content = zipfile.ZipFile(tmp_path / "copy.odt").read("content.xml")
    root = etree.fromstring(content)
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/document.xml"))
    changes = list(doc.iter(W + "ins", W + "del"))
    assert len(list(root.iter(office + "annotation"))) == len(_comments(copy))
    assert len(list(root.iter(text + "changed-region"))) == len(changes)


# -- fazhi-check --annotate DIR -------------------------------------------------------------------------


def test_annotate_writes_a_copy_per_word_file_keeping_relative_paths(tmp_path, capsys):
    drafts = tmp_path / "drafts"
    (drafts / "镇街").mkdir(parents=True)
    data = report_docx(_faulty_draft())
    (drafts / "草稿.docx").write_bytes(data)
    (drafts / "镇街" / "某镇.docx").write_bytes(data)
    (drafts / "notes.txt").write_text(docx_fixtures.DRAFT, "utf-8")
    single = tmp_path / "单独.docx"
    single.write_bytes(data)
    out = tmp_path / "审阅"
    code = main([str(drafts), str(single), "--annotate", str(out)])
    assert code == 1  # the FZ201 error still fails the run
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.docx"))
    assert written == ["单独.docx", "草稿.docx", "镇街/某镇.docx"]
    assert (drafts / "草稿.docx").read_bytes() == data
    copy = (out / "镇街" / "某镇.docx").read_bytes()
    assert len(_comments(copy)) >= 3
    assert "已写出审阅稿" in capsys.readouterr().err


def test_a_folder_that_holds_an_input_is_refused(tmp_path, capsys):
    (tmp_path / "草稿.docx").write_bytes(report_docx(docx_fixtures.DRAFT))
    assert main([str(tmp_path), "--annotate", str(tmp_path)]) == 2
    assert "该文件夹里有要检查的文件" in capsys.readouterr().err
    assert main([str(tmp_path / "草稿.docx"), "--annotate", str(tmp_path / "草稿.docx")]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_doc_gets_a_docx_copy(tmp_path):
    source = tmp_path / "草稿.docx"
    source.write_bytes(report_docx(_faulty_draft()))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "in"), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    main([str(tmp_path / "in"), "--annotate", str(tmp_path / "审阅")])
    copy = (tmp_path / "审阅" / "草稿.docx").read_bytes()
    assert {c.split("】")[0] for c in _comments(copy).values()} >= {"【FZ201 错误", "【FZ304 警告"}


def test_the_library_offers_the_same():
    data = report_docx(_faulty_draft())
    result = fazhi_check.check_bytes(data, path="draft.docx")
    copy = fazhi_check.annotate_docx(data, result)
    assert read_docx(copy) == read_docx(annotate(data, result))
    assert len(_comments(copy)) == len([f for f in result.findings if f.severity != "info" or f.fix is None])


def test_a_missing_part_is_a_comment_on_the_title_saying_where_it_belongs():
    lines = docx_fixtures.draft_lines()
    text = "\n".join(lines[:8] + lines[10:])  # no 存在的不足和原因
    data = report_docx(text)
    result = fazhi_check.check_bytes(data, path="draft.docx")
    assert [f.code for f in result.findings if f.severity == "error"] == ["FZ101"]
    copy = annotate(data, result)
    fz101 = next(c for c in _comments(copy).values() if c.startswith("【FZ101"))
    assert "此部分应在“一、推进法治政府建设的主要举措和成效”之后单列" in fz101
    assert lines[0] in commented_ranges(copy).values()


# -- a property: whatever the draft and however its runs are cut, accepting the changes is --fix ---------

_MARKS = st.sampled_from([",", ";", ":", "(", ")", "?", "!", " "])


@st.composite
def _drafts(draw):
    """DRAFT with half-width marks and spaces put in, each paragraph cut into runs at random places."""
    lines = []
    for line in docx_fixtures.draft_lines():
        chars = list(line)
        for _ in range(draw(st.integers(0, 2))):
            chars.insert(draw(st.integers(0, len(chars))), draw(_MARKS))
        lines.append("".join(chars))
    cuts = [sorted(draw(st.sets(st.integers(1, max(1, len(x) - 1)), max_size=3))) for x in lines]
    return lines, cuts


def _cut_docx(lines, cuts) -> bytes:
    document = docx_fixtures.Document()
    for line, at in zip(lines, cuts):
        p = document.add_paragraph()
        for i, (a, b) in enumerate(zip([0, *at], [*at, len(line)])):
            if line[a:b]:
                p.add_run(line[a:b]).bold = i % 2 == 1
    return docx_fixtures.save(document)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_drafts())
def test_accepting_the_changes_of_any_draft_is_what_fix_gives(draft):
    lines, cuts = draft
    text = "\n".join(lines)
    data = _cut_docx(lines, cuts)
    result = fazhi_check.check_bytes(data, path="draft.docx")
    assert result.text == text
    fixed = fix_bytes(text.encode("utf-8"), "draft.txt").data.decode("utf-8")
    copy = annotate(data, result, fixed=fixed)
    assert read_docx(accept_all(copy)) == fixed
    for finding, held in zip(
        [f for f in result.findings if f.severity != "info" or f.fix is None],
        [v for _, v in sorted(commented_ranges(copy).items(), key=lambda kv: int(kv[0]))],
    ):
        assert held == finding.evidence


def test_annotate_counts_the_places_it_revises_as_words_review_pane_lists_them(tmp_path, capsys):
    lines = docx_fixtures.draft_lines()
    lines[5] = "（二）深化执法监督。全年审查规范性文件12件,办理行政复议案件85件,组织培训6场次。"  # one fix, two places
    (tmp_path / "草稿.docx").write_bytes(report_docx("\n".join(lines)))
    main([str(tmp_path / "草稿.docx"), "--annotate", str(tmp_path / "审阅")])
    note = [ln for ln in capsys.readouterr().err.splitlines() if "已写出审阅稿" in ln]
    document = etree.fromstring(zipfile.ZipFile(tmp_path / "审阅" / "草稿.docx").read("word/document.xml"))
    assert len(list(document.iter(W + "del"))) == len(list(document.iter(W + "ins"))) == 2
    assert note and note[0].endswith("修订 2 处（1 项自动修复）")
