"""OLE compound files (Word 97-2003, WPS, and Office's encrypted packages) told apart by their streams
(olefile reads the directory), so a file named .docx that is one gets the right answer."""

from __future__ import annotations

import io

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_kind(data: bytes) -> str | None:
    """ "encrypted" (an EncryptedPackage stream: a password-protected .docx), "word" (a WordDocument
    stream: a .doc or WPS file), "other", or None for a file that is no OLE compound file at all."""
    if not data.startswith(OLE_MAGIC):
        return None
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                return "encrypted"
            if ole.exists("WordDocument"):
                return "word"
    except Exception:  # olefile raises several kinds on a damaged directory
        return "other"
    return "other"
