"""The GB/T 9704-2012 Word drafts the layout rules' examples are made of (fazhi_check/samples.py), for tests."""

from fazhi_check.samples import FACES, SIZES, VIAS, gbt_docx

__all__ = ["FACES", "SIZES", "VIAS", "gbt_docx"]
