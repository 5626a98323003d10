"""The recovery sheet: the passphrase on paper, for a drawer or a safe.

Written only where the coach chooses and never inside the data folder: the sheet
would otherwise lie beside the very files it unlocks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from leersessie.base.dates import written
from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.reports.pdf import key_values, para, write_pdf
from leersessie.store.encryption import loss_warning


def write_recovery_sheet(target: Path, data_dir: Path, passphrase: str, on: date) -> Path:
    target, data_dir = Path(target), Path(data_dir)
    if target.resolve().is_relative_to(data_dir.resolve()):
        raise InputError(
            tr(
                "Bewaar het herstelblad niet in de gegevensmap {path}: dan ligt het wachtwoord "
                "naast de gegevens. Kies een andere plek, of druk het direct af en bewaar het "
                "op papier.",
                path=data_dir,
            )
        )
    title = tr("Herstelblad Leersessie")
    story = [
        para(title, "title"),
        para(loss_warning()),
        key_values(
            [
                (tr("Wachtwoord"), passphrase),
                (tr("Gegevensmap"), str(data_dir)),
                (tr("Gemaakt op"), written(on)),
            ]
        ),
        para(
            tr(
                "Bewaar dit blad op papier op een veilige plek, niet bij de laptop. Gooi het "
                "bestand weg zodra het is afgedrukt. Wijzigt u het wachtwoord, maak dan een "
                "nieuw herstelblad en vernietig dit blad."
            )
        ),
    ]
    return write_pdf(target, title, story)
