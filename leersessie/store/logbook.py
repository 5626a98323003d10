"""The log file in the data folder: errors and warnings, never note or client text.

What may reach the file, decided here for every record, whoever logs it:
- the message as written in the code (a constant); its arguments are left out, since an
  argument can be anything a coach typed;
- for an exception: its type and the traceback's code locations (file, line, function,
  the line of source), for chained exceptions too. Not the exception's own message, which
  can quote user text (a UserFacingError quoting a name, a ValueError quoting its input, an
  OSError naming a file the coach called after a client). Of an SQLite error, only what
  names no data: its message when it is one of SQLite's fixed messages ("database is
  locked") or a constraint naming only columns ("UNIQUE constraint failed: notes.id"),
  else its code (SQLITE_ERROR): a message may quote SQL or a search the coach typed
  ("no such column: Kevin" for the search "Kevin: slaapt bij oom"). Of an OSError, its
  errno.

The file rotates at 1 MB with two old files kept (at most 3 MB) and is readable only by the
user (0600), like everything in the data folder.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from leersessie.base.i18n import tr
from leersessie.base.sqlite_errors import SQLITE_ERRORS
from leersessie.store.paths import PRIVATE_FILE_MODE

LOG_NAME = "leersessie.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 2
logger = logging.getLogger("leersessie")


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_NAME


def start_logging(data_dir: Path) -> Path:
    """Send warnings and errors of the app to the data folder's log; again for another
    folder (after a restore) replaces the earlier file."""
    path = log_path(data_dir)
    for handler in [h for h in logger.handlers if isinstance(h, _PrivateRotatingFile)]:
        logger.removeHandler(handler)
        handler.close()
    handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT)
    handler.setLevel(logging.WARNING)
    handler.addFilter(_without_user_text)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    return path


def current_log() -> Path | None:
    """The file the log is written to, once logging has started."""
    for handler in logger.handlers:
        if isinstance(handler, _PrivateRotatingFile):
            return Path(handler.baseFilename)
    return None


def log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    logger.error("Onverwachte fout", exc_info=(kind, error, trace))


def safe_traceback(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    """The traceback with code locations and exception types, without exception messages."""
    parts: list[str] = []
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(trace if current is error else current.__traceback__)
        parts.insert(0, "".join(traceback.format_list(frames)) + _describe(current) + "\n")
        current = current.__cause__ or current.__context__
        if current is not None:
            parts.insert(0, "\nThe above exception led to the following one:\n\n")
    return "Traceback (most recent call last):\n" + "".join(parts).rstrip("\n")


def _describe(error: BaseException) -> str:
    name = f"{type(error).__module__}.{type(error).__qualname__}"
    if isinstance(error, SQLITE_ERRORS):  # SQLCipher's errors are not sqlite3's
        return f"{name}: {_sqlite_words(error)}"
    if isinstance(error, OSError) and error.errno is not None:
        return f"{name}: {errno.errorcode.get(error.errno, error.errno)}"
    return name


# SQLite's messages that are always the same words, whatever the data.
_SQLITE_FIXED_MESSAGES = frozenset(
    {
        "database is locked",
        "database table is locked",
        "database or disk is full",
        "disk I/O error",
        "file is not a database",
        "file is encrypted or is not a database",
        "attempt to write a readonly database",
        "database disk image is malformed",
        "unable to open database file",
        "database schema has changed",
        "interrupted",
        "out of memory",
        "SQL logic error",
        "authorization denied",
        "cannot commit - no transaction is active",
        "cannot rollback - no transaction is active",
        "cannot start a transaction within a transaction",
        "Cannot operate on a closed database.",
    }
)
# A constraint that failed, naming only the schema's columns.
_SQLITE_CONSTRAINT = re.compile(
    r"(?:UNIQUE|NOT NULL|CHECK|FOREIGN KEY|PRIMARY KEY) constraint failed"
    r"(?:: \w+\.\w+(?:, \w+\.\w+)*)?"
)


def _sqlite_words(error: BaseException) -> str:
    """What of an SQLite error's message may be kept (see the module's docstring)."""
    message = str(error)
    if message in _SQLITE_FIXED_MESSAGES or _SQLITE_CONSTRAINT.fullmatch(message):
        return message
    return f"{getattr(error, 'sqlite_errorname', None) or 'SQLITE'} (tekst weggelaten)"


def _without_user_text(record: logging.LogRecord) -> bool:
    """A filter that rewrites the record to what may be kept (see the module's docstring)."""
    if record.args:
        record.msg = f"{record.msg} (details weggelaten)"
        record.args = None
    if record.exc_info and record.exc_info[0] is not None:
        kind, error, trace = record.exc_info
        assert error is not None
        record.exc_text = safe_traceback(kind, error, trace)
        record.exc_info = None
    record.stack_info = None
    return True


class _PrivateRotatingFile(RotatingFileHandler):
    """Creates each log file 0600 (the standard handler takes the umask: 0644)."""

    def _open(self) -> TextIOWrapper:
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE
        )
        os.chmod(self.baseFilename, PRIVATE_FILE_MODE)  # a file made earlier by someone else
        return os.fdopen(descriptor, "a", encoding="utf-8")


def unexpected_error_message(error: BaseException) -> str:
    """What the user reads about a programming error: what it was, that their work is safe,
    and where the log is that they can send along. Named as the log names it, without the
    exception's message: a bug's message can quote a note, and this dialog may be on the
    projector."""
    text = tr(
        "Er ging iets mis dat niet had mogen gebeuren ({error}). Wat al was opgeslagen, is "
        "veilig. Sluit Leersessie en start de app opnieuw; blijft dit gebeuren, meld het dan "
        "met de tekst hierboven.",
        error=_describe(error).removeprefix("builtins."),
    )
    log = current_log()
    if log is None:
        return text
    return (
        text
        + "\n\n"
        + tr(
            "Het logbestand staat in {path} (Help > Logbestand openen). Het bevat geen notities; "
            "stuur het mee als u de fout meldt.",
            path=log,
        )
    )
