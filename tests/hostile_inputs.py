"""Hostile inputs, built on demand (never committed): PDFs made object by object, YAML alias bombs."""

from __future__ import annotations


def pdf(objects: list[bytes]) -> bytes:
    """A PDF from its objects' bodies (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
)


def looping_pdf() -> bytes:
    """A page whose content stream's /Length refers to 7 0 R, which refers to 8 0 R, which refers to
    7 0 R: pdfminer resolves the reference for ever."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length 7 0 R >>\nstream\nBT ET\nendstream",
            b"null",
            b"null",
            b"8 0 R",
            b"7 0 R",
        ]
    )


def cid_pdf(lines: int = 30) -> bytes:
    """Text in a CID font with Identity-H encoding and no ToUnicode map: pdfminer gives "(cid:N)"."""
    shown = b" ".join(
        b"<%s> Tj 0 -14 Td" % b"".join(b"%04x" % (i * 7 + k + 1) for k in range(20)) for i in range(lines)
    )
    content = b"BT /F1 12 Tf 72 720 Td " + shown + b" ET"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        ]
    )


def alias_bomb(levels: int = 9, key: str = "bomb") -> str:
    """YAML whose nine nested aliases would expand to 10**9 scalars ("billion laughs")."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels + 1):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    lines.append(f"{key}: *a{levels}")
    return "\n".join(lines) + "\n"
