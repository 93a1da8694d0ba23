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


# The database of ingest, export and compare, and the disk under it. They stop the command (a
# batch cannot go on without its database); ``path`` is the database (or the output) file.

class DatabaseFault(GovdocError):
    """The database failed in another way: locked by another writer past the wait, an I/O error,
    a schema newer than this govdoc-parser."""

    code = "database"
    exit_code = 13


class DatabaseCorrupt(DatabaseFault):
    code = "db_corrupt"
    exit_code = 14


class DatabaseTruncated(DatabaseFault):
    code = "db_truncated"
    exit_code = 15


class NotADatabase(DatabaseFault):
    code = "not_a_database"
    exit_code = 16


class DatabaseReadOnly(DatabaseFault):
    code = "db_read_only"
    exit_code = 17


class DatabaseMissing(DatabaseFault):
    code = "db_missing"
    exit_code = 18


class DiskFull(GovdocError):
    code = "disk_full"
    exit_code = 19


# Ingest on a Dask cluster (``ingest --dask``): they stop the command before any file is parsed,
# or, when the cluster is lost, after the last file stored.

class DaskUnavailable(GovdocError):
    """dask.distributed is not installed, the scheduler cannot be reached, or the cluster was lost."""

    code = "dask"
    exit_code = 20


class ParquetDatasetError(GovdocError):
    """The Parquet folder of ``ingest --parquet`` is in use by another ingest, or holds a dataset
    that another parser version, other rule tables or other options made."""

    code = "parquet_dataset"
    exit_code = 21


ALL_ERRORS = (
    FileUnreadable, EmptyFile, WrongFormat, CorruptFile, Encrypted, NoTextLayer,
    GarbledText, TooLarge, ParseTimeout, UnsupportedFormat,
    DatabaseFault, DatabaseCorrupt, DatabaseTruncated, NotADatabase, DatabaseReadOnly, DatabaseMissing, DiskFull,
    DaskUnavailable, ParquetDatasetError,
)
