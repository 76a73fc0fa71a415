"""Why an input cannot be read: the one error every reader raises (FZ001 carries its reason)."""

from __future__ import annotations


class ReadError(Exception):
    """The input cannot be read as text: the reason in Chinese (the message) and in English."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.reason, self.reason_en = reason, reason_en
