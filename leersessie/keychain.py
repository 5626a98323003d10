"""Remembering the passphrase in the operating system's keychain (off by default).

Windows Credential Manager, the macOS Keychain or the Secret Service on Linux, through
``keyring``; whoever can log in to this computer account can then open the data
without typing it. A computer without a keychain gets a clear message, never a file.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import keyring
from keyring.errors import KeyringError

from leersessie import APP_NAME
from leersessie.errors import UserFacingError
from leersessie.i18n import tr


class KeychainUnavailable(UserFacingError):
    """No keychain to keep the passphrase in: it has to be typed at each start."""


def _account(data_dir: Path) -> str:
    return str(Path(data_dir).resolve())


def remember(data_dir: Path, passphrase: str) -> None:
    try:
        keyring.set_password(APP_NAME, _account(data_dir), passphrase)
    except (KeyringError, RuntimeError) as exc:
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
        return keyring.get_password(APP_NAME, _account(data_dir))
    except (KeyringError, RuntimeError):
        return None


def forget(data_dir: Path) -> None:
    """Remove a remembered passphrase; nothing to do when none was kept."""
    with suppress(KeyringError, RuntimeError):
        keyring.delete_password(APP_NAME, _account(data_dir))
