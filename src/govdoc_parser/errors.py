"""Errors a user sees as one line, each class with its own exit code."""

from __future__ import annotations


class GovdocError(Exception):
    """Base class: ``code`` names the class of failure, ``exit_code`` is what the CLI returns."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]".replace("\n", " ")


class FileUnreadable(GovdocError):
    code = "unreadable"
    exit_code = 3


class EmptyFile(GovdocError):
    code = "empty_file"
    exit_code = 4


class WrongFormat(GovdocError):
    code = "wrong_format"
    exit_code = 5


class CorruptFile(GovdocError):
    code = "corrupt"
    exit_code = 6


class Encrypted(GovdocError):
    code = "encrypted"
    exit_code = 7


class NoTextLayer(GovdocError):
    code = "no_text_layer"
    exit_code = 8


class GarbledText(GovdocError):
    code = "garbled_text"
    exit_code = 9


class TooLarge(GovdocError):
    code = "too_large"
    exit_code = 10


class ParseTimeout(GovdocError):
    code = "timeout"
    exit_code = 11


class UnsupportedFormat(GovdocError):
    code = "unsupported_format"
    exit_code = 12


ALL_ERRORS = (
    FileUnreadable, EmptyFile, WrongFormat, CorruptFile, Encrypted, NoTextLayer,
    GarbledText, TooLarge, ParseTimeout, UnsupportedFormat,
)
