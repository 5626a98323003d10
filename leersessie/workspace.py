"""One open data folder: its database and the templates it can use.

The CLI and the GUI both start here, so both check and open the data the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from leersessie.paths import (
    database_path,
    prepare_data_dir,
    resolve_data_dir,
    user_templates_dir,
)
from leersessie.storage import open_database
from leersessie.templates import Catalogue, load_catalogue


@dataclass
class Workspace:
    data_dir: Path
    db: Database
    catalogue: Catalogue

    @property
    def templates_dir(self) -> Path:
        return user_templates_dir(self.data_dir)

    def reload_templates(self) -> Catalogue:
        self.catalogue = load_catalogue(self.templates_dir)
        return self.catalogue

    def close(self) -> None:
        self.db.close()


def open_workspace(data_dir: str | os.PathLike[str] | None = None) -> Workspace:
    """Raises DataDirError or DatabaseError with a message for the user."""
    if os.name == "posix":
        os.umask(0o077)  # every file we create (database, WAL, backups, PDFs) is the user's only
    folder = prepare_data_dir(resolve_data_dir(data_dir))
    db = open_database(database_path(folder))
    templates = user_templates_dir(folder)
    templates.mkdir(exist_ok=True)
    return Workspace(folder, db, load_catalogue(templates))
