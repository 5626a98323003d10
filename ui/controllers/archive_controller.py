"""Bestand > Team exporteren… and Bestand > Importeren…: a team's history as one file,
and merging such a file in after showing what it will do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from leersessie.archive import SUFFIX, Archive, PassphraseNeeded, read_archive
from leersessie.changes import ChangeKind
from leersessie.errors import UserFacingError
from leersessie.i18n import tr
from leersessie.merge import ImportPlan, ImportResult, apply_import, plan_import
from leersessie.teams import list_teams
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.views.archive_dialogs import ExportTeamDialog, ImportPlanDialog

# check(team_id, continue_label, proceed): the client-data check before an export
CheckThen = Callable[[str, str, Callable[[], None]], None]


class ArchiveController(QObject):
    imported = Signal()

    def __init__(
        self,
        workspace: Workspace,
        runner: BackgroundRunner,
        parent_widget: QWidget,
        changes: ChangeHub,
        check_then: CheckThen,
    ) -> None:
        super().__init__(parent_widget)
        self.workspace = workspace
        self.runner = runner
        self.parent_widget = parent_widget
        self.changes = changes
        self.check_then = check_then

    # --- export ------------------------------------------------------------------

    def export_team(self, team_id: str | None = None) -> None:
        teams = list_teams(self.workspace.db)
        if not teams:
            QMessageBox.information(
                self.parent_widget, tr("Team exporteren"), tr("Er is nog geen team.")
            )
            return
        dialog = ExportTeamDialog(teams, self.parent_widget)
        dialog.team.select(team_id)
        accepted = dialog.exec()
        chosen, passphrase = dialog.team.value(), dialog.chosen_passphrase()
        dialog.deleteLater()
        if not accepted or chosen is None:
            return
        name = next(team.name for team in teams if team.id == chosen)
        target = self._save_target(name)
        if target is not None:
            self.check_then(
                chosen, tr("Toch exporteren"), lambda: self._write(chosen, target, passphrase)
            )

    def _save_target(self, team_name: str) -> Path | None:
        start = str(Path.home() / f"{team_name}{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            tr("Teamarchief opslaan"),
            start,
            tr("Leersessie-teamarchief (*{suffix})", suffix=SUFFIX),
        )
        if not name:
            return None
        return Path(name if name.endswith(SUFFIX) else name + SUFFIX)

    def _write(self, team_id: str, target: Path, passphrase: str | None) -> None:
        from leersessie.archive import export_team

        self.runner.run(
            lambda db: export_team(db, team_id, target, passphrase),
            lambda path: QMessageBox.information(
                self.parent_widget,
                tr("Team exporteren"),
                tr("Teamarchief opgeslagen: {path}", path=path),
            ),
            self._failed,
        )

    # --- import ------------------------------------------------------------------

    def import_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            tr("Teamarchief importeren"),
            str(Path.home()),
            tr("Leersessie-teamarchief (*{suffix})", suffix=SUFFIX),
        )
        if name:
            self.import_archive(Path(name))

    def import_archive(self, path: Path) -> None:
        archive = self._read(path)
        if archive is None:
            return
        plan = plan_import(self.workspace.db, archive)
        dialog = ImportPlanDialog(plan.lines(), plan.changes_anything, self.parent_widget)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted:
            self._apply(plan)

    def _read(self, path: Path) -> Archive | None:
        """The archive, asking for its passphrase as long as the coach wants to try."""
        passphrase: str | None = None
        while True:
            try:
                return read_archive(path, passphrase)
            except PassphraseNeeded:
                pass
            except UserFacingError as error:
                if passphrase is None:
                    self._failed(error.message)
                    return None
                QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), error.message)
            passphrase, ok = QInputDialog.getText(
                self.parent_widget,
                tr("Wachtwoord"),
                tr("Wachtwoord van het archief:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return None

    def _apply(self, plan: ImportPlan) -> None:
        data_dir = self.workspace.data_dir
        self.runner.run(lambda db: apply_import(db, plan, data_dir), self._done, self._failed)

    def _done(self, result: ImportResult) -> None:
        self.changes.announce(ChangeKind.DATA, "")
        self.imported.emit()
        QMessageBox.information(
            self.parent_widget,
            tr("Importeren"),
            tr("Geïmporteerd. Reservekopie van daarvoor: {path}", path=result.backup),
        )

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), message)
