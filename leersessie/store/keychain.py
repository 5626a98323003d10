"""Remembering the passphrase in the operating system's keychain (off by default).

Windows Credential Manager, the macOS Keychain or the Secret Service on Linux, through
``keyring``; whoever can log in to this computer account can then open the data
without typing it. A computer without a keychain gets a clear message, never a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from leersessie import APP_NAME
from leersessie.base.errors import UserFacingError
from leersessie.base.i18n import tr


class KeychainUnavailable(UserFacingError):
    """No keychain to keep the passphrase in: it has to be typed at each start."""


def _keyring() -> Any:
    """keyring on first use: importing it looks up every installed backend (50 ms), which
    a start without a remembered passphrase must not pay."""
    import keyring

    return keyring


def _failures() -> tuple[type[BaseException], ...]:
    from keyring.errors import KeyringError

    return (KeyringError, RuntimeError)


def _account(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def remember(data_dir: Path, passphrase: str) -> None:
    try:
        _keyring().set_password(APP_NAME, _account(data_dir), passphrase)
    except _failures() as exc:
        raise KeychainUnavailable(
            tr(
                "Het wachtwoord kon niet in de sleutelhanger van deze computer worden bewaard "
                "({reason}). Er is geen sleutelhanger beschikbaar of hij is op slot; typ het "
                "wachtwoord bij elke start. Er is niets anders gewijzigd.",
                reason=exc,
            )
        ) from exc


def recall(data_dir: Path) -> str | None:
    """The remembered passphrase, or None (none kept, or no keychain to ask)."""
    try:
        password: str | None = _keyring().get_password(APP_NAME, _account(data_dir))
    except _failures():
        return None
    return password


def forget(data_dir: Path) -> None:
    """Remove a remembered passphrase; nothing to do when none was kept."""
    try:
        _keyring().delete_password(APP_NAME, _account(data_dir))
    except _failures():
        return
