"""Keeping sensitive data safe from the app: backups and restore, deletion that leaves
no trace, retention, the "niet vastleggen" list, and the client-data check."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.dates import moment, short
from leersessie.base.errors import InputError, UserFacingError
from leersessie.base.i18n import decimal, ntr, tr
from leersessie.method.models import Team
from leersessie.privacy.client_data import (
    SessionHit,
    blocked_names_of,
    replace_hit,
    scan,
    scan_actions_export,
    scan_session,
    scan_team_archive,
    scan_team_report,
    set_blocked_names,
)
from leersessie.privacy.deletion import (
    apply_retention,
    backups_containing,
    delete_session,
    delete_team,
    pseudonymise_person,
    purge_from_backups,
    remove_scratch_copies,
    retention_months,
    retention_preview,
    set_retention_months,
)
from leersessie.privacy.pseudonyms import remember_replacement
from leersessie.sharing.pending import Finished, finish_deletions
from leersessie.store.backup import export_backup, list_backups
from leersessie.workspace import Workspace
from leersessie_ui.background import BackgroundRunner
from leersessie_ui.changes import ChangeHub
from leersessie_ui.dialogs.privacy import (
    BackupsDialog,
    BlockedNamesDialog,
    PseudonymDialog,
    RetentionDialog,
    SensitiveCheckDialog,
)
from leersessie_ui.views.panels import fill_table


def _yes(parent: QWidget, title: str, question: str) -> bool:
    return QMessageBox.question(parent, title, question) == QMessageBox.StandardButton.Yes


class DataController(QObject):
    restore_requested = Signal(Path)  # the main window closes, restores and reopens

    def __init__(
        self,
        workspace: Workspace,
        runner: BackgroundRunner,
        changes: ChangeHub,
        parent_widget: QWidget,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent_widget)
        self.workspace = workspace
        self.db = workspace.db
        self.runner = runner
        self.changes = changes
        self.parent_widget = parent_widget
        self.today = today

    # --- backups -----------------------------------------------------------------

    def save_backup_as(self) -> None:
        start = str(Path.home() / f"leersessie-reservekopie-{self.today().isoformat()}.db")
        name, _ = QFileDialog.getSaveFileName(
            self.parent_widget, tr("Reservekopie opslaan"), start, tr("Leersessie-database (*.db)")
        )
        if not name:
            return
        self.runner.run(
            lambda db: export_backup(db, Path(name)),
            lambda path: QMessageBox.information(
                self.parent_widget,
                tr("Reservekopie"),
                tr("Reservekopie opgeslagen in {path}.", path=path),
            ),
            self._failed,
        )

    def choose_backup_to_restore(self) -> None:
        backups = list_backups(self.workspace.data_dir)
        dialog = BackupsDialog(self.parent_widget)
        table = dialog.table
        fill_table(
            table,
            [
                (moment(info.made), info.kind.label, tr("{size} MB", size=decimal(info.size / 1e6)))
                for info in backups
            ],
        )
        if backups:
            table.selectRow(0)
        chosen: list[Path] = []

        def other_file() -> None:
            name, _ = QFileDialog.getOpenFileName(
                dialog,
                tr("Reservekopie kiezen"),
                str(Path.home()),
                tr("Leersessie-database (*.db)"),
            )
            if name:
                chosen.append(Path(name))
                dialog.accept()

        dialog.other_file.clicked.connect(other_file)
        accepted = dialog.exec()
        row = table.currentRow()
        dialog.deleteLater()
        if not accepted:
            return
        if not chosen and 0 <= row < len(backups):
            chosen.append(backups[row].path)
        if chosen and _yes(
            self.parent_widget,
            tr("Reservekopie terugzetten"),
            tr(
                "De gegevens vervangen door deze reservekopie? De huidige gegevens worden eerst "
                "als reservekopie bewaard. Leersessie sluit de sessie en opent daarna opnieuw."
            ),
        ):
            self.restore_requested.emit(chosen[0])

    # --- deletion ------------------------------------------------------------------

    def delete_session(self, session_id: str, label: str) -> None:
        if not _yes(
            self.parent_widget,
            tr("Sessie verwijderen"),
            tr(
                "De sessie {label} met al haar notities, acties en bevindingen definitief "
                "verwijderen, ook uit de reservekopieën en de gedeelde map? Dit kan niet "
                "ongedaan worden gemaakt.",
                label=label,
            ),
        ):
            return
        self._delete(
            lambda db: delete_session(db, session_id),
            Change(ChangeKind.SESSION, session_id, session_id, Happened.REMOVED),
        )

    def delete_team(self, team: Team) -> None:
        if not _yes(
            self.parent_widget,
            tr("Team verwijderen"),
            tr(
                "Het team {name} met alle deelnemers en sessies definitief verwijderen, ook uit "
                "de reservekopieën en de gedeelde map? Dit kan niet ongedaan worden gemaakt.",
                name=team.name,
            ),
        ):
            return
        self._delete(
            lambda db: delete_team(db, team.id),
            Change(ChangeKind.TEAM, team.id, happened=Happened.REMOVED),
        )

    def _delete(
        self,
        delete: Callable[[Database], object],
        change: Change,
        then: Callable[[], None] = lambda: None,
    ) -> None:
        """Delete on a pool thread and finish it there (the backups, the shared folder);
        only then is the deletion announced and reported done. What could not be finished
        stays pending and is finished at the next start."""
        data_dir, today = self.workspace.data_dir, self.today()

        def work(db: Database) -> Finished:
            delete(db)
            return finish_deletions(db, data_dir, today)

        def done(finished: Finished) -> None:
            self._remove_scratch_copies()
            then()
            self.report_finished(finished)

        self.changes.run_in_background(
            self.runner, work, change, done=done, failed=self._failed, by=self
        )

    def report_finished(self, finished: Finished) -> None:
        """Tell the coach where the deletion reached, and what is left for later."""
        if finished.complete:
            text = tr(
                "Verwijderd. Er staat niets meer van in de database, in de reservekopieën of "
                "in de gedeelde map."
            )
            if finished.backups:
                text += " " + ntr(
                    "Het is ook uit {n} reservekopie gehaald.",
                    "Het is ook uit {n} reservekopieën gehaald.",
                    len(finished.backups),
                )
            QMessageBox.information(self.parent_widget, tr("Verwijderd"), text)
            return
        parts = [tr("Verwijderd uit de database.")]
        if finished.locked_backups:
            parts.append(
                ntr(
                    "{n} reservekopie is nog met het vorige wachtwoord versleuteld en kan het "
                    "nog bevatten. Start Leersessie opnieuw en geef het vorige wachtwoord als "
                    "daarom wordt gevraagd; dan wordt het er ook uit gehaald.",
                    "{n} reservekopieën zijn nog met het vorige wachtwoord versleuteld en "
                    "kunnen het nog bevatten. Start Leersessie opnieuw en geef het vorige "
                    "wachtwoord als daarom wordt gevraagd; dan wordt het er ook uit gehaald.",
                    len(finished.locked_backups),
                )
            )
        if finished.shared_problem:
            parts.append(finished.shared_problem)
        QMessageBox.warning(self.parent_widget, tr("Nog niet overal verwijderd"), " ".join(parts))

    def pseudonymise(self, team: Team) -> None:
        dialog = PseudonymDialog(team.people, self.parent_widget)
        accepted = dialog.exec()
        person_id, pseudonym = dialog.person.value(), dialog.pseudonym.text()
        dialog.deleteLater()
        if not accepted or person_id is None:
            return
        old_name = next((person.name for person in team.people if person.id == person_id), "")

        def pseudonymise() -> None:
            pseudonymise_person(self.db, person_id, pseudonym)
            # An import of a colleague's older version must not bring the name back.
            remember_replacement(self.db, old_name, pseudonym)

        try:
            self.changes.run(pseudonymise, Change(ChangeKind.TEAM, team.id), by=self)
        except InputError as error:
            self._failed(error.message)
            return
        self._deleted(person_id)

    def _deleted(self, record_id: str) -> None:
        """A name replaced: say which backups still hold it, and offer to purge it."""
        self._remove_scratch_copies()
        try:
            holding = backups_containing(self.workspace.data_dir, record_id)
        except UserFacingError as error:  # a backup under another passphrase: it says so
            self._failed(error.message)
            return
        if not holding:
            QMessageBox.information(
                self.parent_widget,
                tr("Verwijderd"),
                tr("Verwijderd. Er staat niets meer van in de database of in de reservekopieën."),
            )
            return
        dates = ", ".join(info.made.strftime("%d-%m-%Y %H:%M") for info in holding)
        if _yes(
            self.parent_widget,
            tr("Ook uit reservekopieën verwijderen?"),
            ntr(
                "Verwijderd uit de database. {n} reservekopie bevat het nog ({dates}). "
                "Ook daaruit verwijderen?",
                "Verwijderd uit de database. {n} reservekopieën bevatten het nog ({dates}). "
                "Ook daaruit verwijderen?",
                len(holding),
                dates=dates,
            ),
        ):
            self.runner.run(
                lambda _db: purge_from_backups(self.workspace.data_dir, record_id),
                lambda changed: QMessageBox.information(
                    self.parent_widget,
                    tr("Verwijderd"),
                    ntr(
                        "Ook verwijderd uit {n} reservekopie.",
                        "Ook verwijderd uit {n} reservekopieën.",
                        len(changed),
                    ),
                ),
                self._failed,
            )

    # --- retention -------------------------------------------------------------------

    def edit_retention(self) -> None:
        dialog = RetentionDialog(self.parent_widget)
        dialog.months.setValue(retention_months(self.db) or 0)

        def preview() -> None:
            months = dialog.months.value()
            doomed = retention_preview(self.db, months, self.today()) if months else []
            dialog.explanation.setText(
                tr("Uit: sessies blijven bewaard tot u ze zelf verwijdert.")
                if not months
                else ntr(
                    "{n} sessie is ouder dan {months} maanden en wordt verwijderd als u dat "
                    "bevestigt. Er gaat niets weg voordat u dat doet.",
                    "{n} sessies zijn ouder dan {months} maanden en worden verwijderd als u "
                    "dat bevestigt. Er gaat niets weg voordat u dat doet.",
                    len(doomed),
                    months=months,
                )
            )
            fill_table(
                dialog.preview,
                [(info.team_name, info.template_title, short(info.date)) for info in doomed],
            )
            dialog.delete_now.setEnabled(bool(doomed))

        def delete_now() -> None:
            months = dialog.months.value()
            count = dialog.preview.rowCount()
            if _yes(
                dialog,
                tr("Sessies verwijderen"),
                ntr(
                    "{n} sessie definitief verwijderen?",
                    "{n} sessies definitief verwijderen?",
                    count,
                ),
            ):
                today = self.today()
                self._delete(
                    lambda db: apply_retention(db, months, today),
                    Change(ChangeKind.DATA, "", happened=Happened.REMOVED),
                    then=preview,
                )

        dialog.months.valueChanged.connect(lambda _value: preview())
        dialog.delete_now.clicked.connect(delete_now)
        preview()
        if dialog.exec():
            set_retention_months(self.db, dialog.months.value() or None)
        dialog.deleteLater()

    def offer_due_retention(self) -> None:
        """At start, when retention is on: show what is due before anything goes."""
        months = retention_months(self.db)
        if months and retention_preview(self.db, months, self.today()):
            self.edit_retention()

    # --- the "niet vastleggen" list and the client-data check ------------------------

    def edit_blocked_names(self) -> None:
        dialog = BlockedNamesDialog(blocked_names_of(self.db), self.parent_widget)
        if dialog.exec():
            set_blocked_names(self.db, dialog.names.toPlainText().splitlines())
        dialog.deleteLater()

    def check_session(
        self,
        session_id: str,
        continue_label: str | None = None,
        proceed: Callable[[], None] = lambda: None,
    ) -> None:
        """Show what looks like client data in the session. With ``continue_label`` (before
        an export or print) ``proceed`` runs when the coach goes on; nothing is ever
        blocked. The scan runs on a pool thread: a session's notes can be long."""
        today = self.today()
        self.runner.run(
            lambda db: scan_session(db, session_id, today=today),
            lambda hits: self._proceed_if_reviewed(hits, continue_label, proceed),
            self._failed,
        )

    def check_team_report_then(
        self, team_id: str, continue_label: str, proceed: Callable[[], None]
    ) -> None:
        """The scan reads a team's whole history: on a pool thread, then the review here."""
        today = self.today()
        self._check_then(
            lambda db: scan_team_report(db, team_id, today=today), continue_label, proceed
        )

    def check_team_archive_then(
        self, team_id: str, continue_label: str, proceed: Callable[[], None]
    ) -> None:
        """Every text of every session of the team: on a pool thread, then the review."""
        today = self.today()
        self._check_then(
            lambda db: scan_team_archive(db, team_id, today=today), continue_label, proceed
        )

    def check_actions_export_then(
        self, team_id: str | None, continue_label: str, proceed: Callable[[], None]
    ) -> None:
        """All teams' actions are 100,000 texts and more: scanned on a pool thread."""
        today = self.today()
        self._check_then(
            lambda db: scan_actions_export(db, team_id, today=today), continue_label, proceed
        )

    def _check_then(
        self,
        scan_texts: Callable[[Database], list[SessionHit]],
        continue_label: str,
        proceed: Callable[[], None],
    ) -> None:
        self.runner.run(
            scan_texts,
            lambda hits: self._proceed_if_reviewed(hits, continue_label, proceed),
            self._failed,
        )

    def _proceed_if_reviewed(
        self, hits: list[SessionHit], continue_label: str | None, proceed: Callable[[], None]
    ) -> None:
        if self._review_hits(hits, continue_label):
            proceed()

    def _review_hits(self, hits: list[SessionHit], continue_label: str | None) -> bool:
        """Each hit in context, replaceable in one step; returns whether to go on."""
        if not hits:
            if continue_label is None:
                QMessageBox.information(
                    self.parent_widget,
                    tr("Controle op cliëntgegevens"),
                    tr("Geen gegevens gevonden die op cliëntgegevens lijken."),
                )
            return True
        dialog = SensitiveCheckDialog(continue_label, self.parent_widget)
        self._show_hits(dialog, hits)
        names = blocked_names_of(self.db)
        replaced: list[bool] = []

        def replace_selected() -> None:
            row = dialog.table.currentRow()
            if not 0 <= row < len(hits):
                return
            found = hits[row]
            try:
                new_text = replace_hit(self.db, found, dialog.pseudonym.text())
            except InputError as error:
                QMessageBox.warning(dialog, tr("Niet vervangen"), error.message)
                return
            remember_replacement(self.db, found.hit.text, dialog.pseudonym.text())
            # Only this text changed: scan it again, keep every other hit as it was.
            same = [
                h
                for h in hits
                if (h.table, h.row_id, h.column) == (found.table, found.row_id, found.column)
            ]
            at = hits.index(same[0])
            hits[:] = [h for h in hits if h not in same]
            again = scan(new_text, names, self.today())
            hits[at:at] = [dataclasses.replace(found, hit=hit) for hit in again]
            self._show_hits(dialog, hits)
            replaced.append(True)

        dialog.replace_button.clicked.connect(replace_selected)

        def review() -> bool:
            """The operation: the review, in which each replacement is written."""
            go_on = bool(dialog.exec())
            dialog.deleteLater()
            return go_on

        # Announced once the review is closed, so that no view reloads under it.
        go_on = self.changes.run(
            review,
            lambda _go_on: [Change(ChangeKind.DATA, "")] if replaced else [],
            by=self,
        )
        return go_on or continue_label is None

    def _show_hits(self, dialog: SensitiveCheckDialog, hits: list[SessionHit]) -> None:
        dialog.intro.setText(
            ntr(
                "Dit stuk tekst lijkt op gegevens van cliënten. Vervang het door een schuilnaam, "
                "of ga bewust verder.",
                "Deze {n} stukken tekst lijken op gegevens van cliënten. Vervang ze door een "
                "schuilnaam, of ga bewust verder.",
                len(hits),
            )
            if hits
            else tr("Alles is vervangen; er is niets meer gevonden.")
        )
        fill_table(
            dialog.table, [(found.hit.context, found.hit.kind.label, found.where) for found in hits]
        )
        for row, found in enumerate(hits):  # why it counts as this kind
            for column in range(dialog.table.columnCount()):
                item = dialog.table.item(row, column)
                if item is not None:
                    item.setToolTip(found.hit.why)
        if hits:
            dialog.table.selectRow(0)

    def _remove_scratch_copies(self) -> None:
        """No PDF of what was just deleted stays in the scratch folder."""
        try:
            remove_scratch_copies(self.workspace.data_dir)
        except UserFacingError as error:
            self._failed(error.message)

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.parent_widget, tr("Niet gelukt"), message)
