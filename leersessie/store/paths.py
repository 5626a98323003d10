"""Where Leersessie keeps its files: one data folder, readable only by the user."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from leersessie import APP_NAME
from leersessie.base.errors import DataDirError, UserFacingError, describe_os_error
from leersessie.base.i18n import tr

DATA_DIR_ENV = "LEERSESSIE_DATA_DIR"
DATABASE_NAME = "leersessie.db"
USER_TEMPLATES_DIR = "sjablonen"
# PDFs made only to open in a viewer or to print; emptied at every start so no copy of
# a (later deleted) session lingers.
SCRATCH_DIR = "tijdelijk"
# Temporary files (a backup or export being written) start so; see remove_temporary_copies.
TEMP_PREFIX = ".leersessie-"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def default_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=True)


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The command-line option wins over the environment, which wins over the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser()
    return default_data_dir()


def prepare_data_dir(path: Path) -> Path:
    """Create the folder (private to the user) and prove it can be written."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
        _tighten(path)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".schrijftest-"):
            pass
    except OSError as exc:
        raise DataDirError(
            tr(
                "De gegevensmap {path} kan niet worden gebruikt ({reason}). "
                "Kies een map waarin u mag schrijven, bijvoorbeeld met --data-dir, "
                "of vraag uw beheerder om schrijfrechten.",
                path=path,
                reason=describe_os_error(exc),
            )
        ) from exc
    return path


def _tighten(folder: Path) -> None:
    """A data folder made by an older version or by hand (0755) becomes the user's only.
    A folder that is not Leersessie's own (it holds other files) is left as it is."""
    if os.name != "posix" or folder.stat().st_mode & 0o077 == 0:
        return
    if (folder / DATABASE_NAME).exists() or not any(folder.iterdir()):
        os.chmod(folder, PRIVATE_DIR_MODE)


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def user_templates_dir(data_dir: Path) -> Path:
    return data_dir / USER_TEMPLATES_DIR


def fresh_scratch_dir(data_dir: Path) -> Path:
    """Empty the scratch folder (what an earlier run left) and return it."""
    folder = clear_scratch_dir(data_dir)
    folder.mkdir(mode=PRIVATE_DIR_MODE)
    return folder


def clear_scratch_dir(data_dir: Path) -> Path:
    """Remove the scratch folder and the PDFs in it (at close, and after encrypting)."""
    folder = data_dir / SCRATCH_DIR
    if folder.is_dir():
        shutil.rmtree(folder)
    return folder


@contextmanager
def atomic_file(target: Path, suffix: str) -> Iterator[Path]:
    """A temporary file beside ``target`` to write; when the block succeeds it is synced,
    made private and moved over ``target`` in one step. On any error the temporary file
    goes and ``target`` stays exactly as it was."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=suffix)
    os.close(handle)
    temp = Path(name)
    try:
        make_private(temp)
        yield temp
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_failed(target: Path, exc: OSError) -> UserFacingError:
    """The message for an export (PDF, CSV) that could not be written."""
    return UserFacingError(
        tr(
            "Het bestand {path} kon niet worden geschreven ({reason}). Kies een andere map "
            "of maak ruimte vrij; er is niets overschreven.",
            path=target,
            reason=describe_os_error(exc),
        )
    )


def make_private(path: Path) -> None:
    """Owner-only permissions on POSIX; Windows user profiles are private already."""
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_FILE_MODE)
