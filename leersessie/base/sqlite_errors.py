"""The errors of either SQLite driver the app uses: Python's sqlite3 for a plain folder and
SQLCipher's for an encrypted one. SQLCipher's errors are not subclasses of sqlite3's, so
every ``except`` names both, through these tuples."""

from __future__ import annotations

import sqlite3

import sqlcipher3.dbapi2 as sqlcipher  # type: ignore[import-untyped]

SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
SQLITE_DATABASE_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.DatabaseError,
    sqlcipher.DatabaseError,
)
SQLITE_OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    sqlcipher.OperationalError,
)
