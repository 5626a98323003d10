"""Bestand > Team exporteren… and Bestand > Importeren…: a team's history as one file,
and merging such a file in after showing what it will do; and the shared folder that
keeps teams in step between coaches (Gegevens > Gedeelde map…)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget
from sqlite_utils import Database

from leersessie.archive import SUFFIX, Archive, PassphraseNeeded, read_archive
from leersessie.changes import ChangeKind
from leersessie.errors import UserFacingError
from leersessie.i18n import ntr, tr
from leersessie.merge import ImportPlan, ImportResult, apply_import, plan_import
from leersessie.pending import Finished, finish_deletions, follow_colleagues
from leersessie.sync_folder import (
    Offer,
    Shared,
    TakenOver,
    mark_merged,
    newer_archives,
    set_sync_folder,
    share_team,
    sync_folder,
)
from leersessie.teams import list_teams
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.views.archive_dialogs import ExportTeamDialog, ImportPlanDialog

# check(team_id, continue_label, proceed): the client-data check before an export
CheckThen = Callable[[str, str, Callable[[], None]], None]


class ArchiveController(QObject):
    imported = Signal()
    message = Signal(str)  # for the status bar

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
        self._queue: list[Path] = []  # shared archives still to offer, one at a time

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

    def import_archive(self, path: Path, then: Callable[[], None] = lambda: None) -> None:
        """Read, show the plan, and on the coach's word apply it; ``then`` runs after an
        import that was applied (or had nothing to do)."""
        archive = self._read(path)
        if archive is None:
            return
        plan = plan_import(self.workspace.db, archive)
        dialog = ImportPlanDialog(plan.lines(), plan.changes_anything, self.parent_widget)
        accepted = dialog.exec()
        dialog.deleteLater()
        if accepted and plan.changes_anything:
            self._apply(plan, then)
        elif accepted:
            apply_import(self.workspace.db, plan, None)  # only remembers what was seen
            then()

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

    def _apply(self, plan: ImportPlan, then: Callable[[], None]) -> None:
        data_dir = self.workspace.data_dir

        def done(result: ImportResult) -> None:
            self._done(result)
            then()

        def work(db: Database) -> ImportResult:
            result = apply_import(db, plan, data_dir)
            finish_deletions(db, data_dir)  # what the archive deleted leaves the backups too
            return result

        self.runner.run(work, done, self._failed)

    def _done(self, result: ImportResult) -> None:
        self.changes.announce(ChangeKind.DATA, "")
        self.imported.emit()
        QMessageBox.information(
            self.parent_widget,
            tr("Importeren"),
            tr("Geïmporteerd. Reservekopie van daarvoor: {path}", path=result.backup),
        )

    # --- the shared folder ---------------------------------------------------------

    def choose_sync_folder(self) -> None:
        current = sync_folder(self.workspace.db)
        if current is not None:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                tr("Gedeelde map"),
                tr(
                    "Teams worden gedeeld via {path}. Na elke afgeronde sessie komt het "
                    "teamarchief daar; bij de start biedt Leersessie nieuwere archieven van "
                    "collega's aan.",
                    path=current,
                ),
                parent=self.parent_widget,
            )
            other = box.addButton(tr("Andere map kiezen…"), QMessageBox.ButtonRole.AcceptRole)
            off = box.addButton(tr("Uitzetten"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            clicked = box.clickedButton()
            box.deleteLater()
            if clicked is off:
                set_sync_folder(self.workspace.db, None)
                return
            if clicked is not other:
                return
        name = QFileDialog.getExistingDirectory(
            self.parent_widget, tr("Gedeelde map kiezen"), str(current or Path.home())
        )
        if not name:
            return
        try:
            set_sync_folder(self.workspace.db, Path(name))
        except UserFacingError as error:
            self._failed(error.message)

    def share_if_finished(self, session_id: str) -> None:
        """After a session is finished: its team's archive to the shared folder."""
        db = self.workspace.db
        if sync_folder(db) is None:
            return
        row = db.execute("SELECT team_id, status FROM sessions WHERE id = ?", [session_id])
        found = row.fetchone()
        if found is None or found[1] != "finished":
            return
        team_id, today = found[0], date.today()
        self.runner.run(lambda db: share_team(db, team_id, today), self._shared, self._failed)

    def _shared(self, shared: Shared) -> None:
        if shared.path is not None:
            self.message.emit(tr("Teamarchief gedeeld: {path}", path=shared.path))
        else:
            QMessageBox.information(
                self.parent_widget,
                tr("Niet gedeeld"),
                tr(
                    "Het teamarchief is niet in de gedeelde map gezet: {count} teksten lijken "
                    "op gegevens van cliënten. Controleer de sessies (Meer > Controle op "
                    "cliëntgegevens) en exporteer het team daarna met Bestand > Team "
                    "exporteren….",
                    count=len(shared.hits),
                ),
            )

    def offer_newer_archives(self) -> None:
        """At start: first what colleagues deleted in teams known here is deleted here too
        (and from the backups and this installation's archive); then the newer archives
        they shared are offered. The folder may be a slow network drive: on a pool thread."""
        if sync_folder(self.workspace.db) is None:
            return
        data_dir, today = self.workspace.data_dir, date.today()

        def work(db: Database) -> tuple[list[TakenOver], Finished, list[Offer]]:
            taken, finished = follow_colleagues(db, data_dir, today)
            return taken, finished, newer_archives(db)

        self.runner.run(work, self._followed_then_offer, lambda _message: None)

    def _followed_then_offer(self, found: tuple[list[TakenOver], Finished, list[Offer]]) -> None:
        taken, finished, offers = found
        if taken:
            self.changes.announce(ChangeKind.DATA, "")
            listed = "\n".join(
                "• "
                + ntr(
                    "{team}: {n} onderdeel",
                    "{team}: {n} onderdelen",
                    item.count,
                    team=item.team_name,
                )
                for item in taken
            )
            QMessageBox.information(
                self.parent_widget,
                tr("Verwijderd door een collega"),
                tr(
                    "Een collega heeft in een gedeeld team sessies of onderdelen verwijderd. "
                    "Ze zijn hier ook verwijderd, ook uit de reservekopieën:\n{teams}",
                    teams=listed,
                ),
            )
        if not finished.complete:
            QMessageBox.warning(
                self.parent_widget,
                tr("Nog niet overal verwijderd"),
                finished.shared_problem
                or tr(
                    "Sommige reservekopieën zijn nog met het vorige wachtwoord versleuteld; "
                    "wat verwijderd is, wordt eruit gehaald zodra dat wachtwoord bekend is."
                ),
            )
        self._offer(offers)

    def _offer(self, offers: list[Offer]) -> None:
        if not offers:
            return
        listed = "\n".join(f"• {offer.team_name} ({offer.created_at[:10]})" for offer in offers)
        answer = QMessageBox.question(
            self.parent_widget,
            tr("Nieuwe teamarchieven"),
            tr(
                "In de gedeelde map staan nieuwere archieven van collega's:\n{teams}\n\n"
                "Nu bekijken en samenvoegen? U ziet eerst per archief wat er verandert.",
                teams=listed,
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._queue = [offer.path for offer in offers]
            self._next_offer()

    def _next_offer(self) -> None:
        if self._queue:
            path = self._queue.pop(0)
            self.import_archive(path, lambda: self._merged(path))

    def _merged(self, path: Path) -> None:
        mark_merged(self.workspace.db, path)
        self._next_offer()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), message)
