"""A step's round in the app: opening it, the entry card, the phones' server, the reveal.

The coach opens a step's round on the laptop (the entry card, one person at a time) or on
the phones (``leersessie.room.phone_server``, started here and stopped when the round closes,
the session ends, the app locks or quits). Answers from the server thread arrive through
a queued signal and are stored on the GUI thread, in one transaction per batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from sqlite_utils import Database

from leersessie.base.changes import Change, ChangeKind, Happened
from leersessie.base.errors import InputError, UserFacingError
from leersessie.base.i18n import tr
from leersessie.method.models import Session
from leersessie.method.templates import RoundKind, Step
from leersessie.room.phone_server import PhoneServer, local_addresses, qr_png
from leersessie.room.rounds import (
    SAFE_REVEAL,
    Answer,
    Flowed,
    Round,
    RoundStatus,
    RoundWay,
    answer_count,
    check_answer,
    close_round,
    needs_confirmation,
    open_round,
    reveal_round,
    round_result,
    save_answer,
    step_round,
)
from leersessie_ui.changes import ChangeHub
from leersessie_ui.widgets.round_view import RoundBarView, RoundEntryCard, RoundShown, count_text

STORE_EVERY_MS = 50  # answers from phones are stored in batches: one transaction each


class RoundController(QObject):
    answer_arrived = Signal(str, object)  # from the server thread: (answer id, answer)
    flowed_into = Signal(str)  # step key: a reveal wrote into the step's notes or scores

    def __init__(self, db: Database, changes: ChangeHub, parent_view: QWidget) -> None:
        super().__init__(parent_view)
        self.db = db
        self.changes = changes
        self.parent_view = parent_view
        self.bar = RoundBarView()
        self.bar.hide()
        self.card: RoundEntryCard | None = None
        self.session: Session | None = None
        self.step: Step | None = None
        self.server: PhoneServer | None = None
        self.server_round_id = ""
        self._qr = b""
        self._pending: list[tuple[str, Answer]] = []
        self._store_timer = QTimer(self, singleShot=True, interval=STORE_EVERY_MS)
        self._store_timer.timeout.connect(self._store_pending)
        self.answer_arrived.connect(self._queue_answer)
        # Where a phone round listens; the coach chooses (tests set it).
        self.choose_address: Callable[[], str | None] = self._ask_address
        self.confirm_reveal: Callable[[int], bool] = self._ask_reveal
        self.ask_options: Callable[[], list[str] | None] = self._ask_options
        # The coach's typed notes are on disk before a reveal adds to them.
        self.before_reveal: Callable[[], object] = lambda: None
        self.bar.laptop_button.clicked.connect(lambda: self.open(RoundWay.LAPTOP))
        self.bar.phone_button.clicked.connect(lambda: self.open(RoundWay.PHONE))
        self.bar.enter_button.clicked.connect(self.show_card)
        self.bar.reveal_button.clicked.connect(self.reveal)
        self.bar.close_button.clicked.connect(self.close)
        changes.changed.connect(lambda change: self._refresh_bar())

    # --- the step shown ----------------------------------------------------------------

    def show_step(self, session: Session, step: Step) -> None:
        self.session, self.step = session, step
        self.bar.setVisible(step.round is not None)
        self._refresh_bar()

    @property
    def round(self) -> Round | None:
        if self.session is None or self.step is None or self.step.round is None:
            return None
        return step_round(self.db, self.session.id, self.step.key)

    def _refresh_bar(self) -> None:
        if (
            self.step is None
            or self.step.round is None
            or not self.bar.isVisibleTo(self.bar.parentWidget() or self.bar)
        ):
            return
        round_ = self.round
        count = answer_count(self.db, round_.id) if round_ else 0
        self.bar.show_state(self.step.round.question, round_, count, self.address_of(round_))

    def address_of(self, round_: Round | None) -> str:
        if round_ and self.server is not None and self.server_round_id == round_.id:
            return self.server.url
        return ""

    def shown(self, session: Session, step: Step) -> RoundShown | None:
        """What the group screen shows of this step's round."""
        if step.round is None:
            return None
        round_ = step_round(self.db, session.id, step.key)
        if round_ is None:
            return None
        count = answer_count(self.db, round_.id)
        result = round_result(self.db, round_) if round_.status is RoundStatus.REVEALED else None
        address = self.address_of(round_)
        return RoundShown(round_, count, result, address, self._qr if address else b"")

    # --- opening -----------------------------------------------------------------------

    def open(self, way: RoundWay) -> None:
        session, step = self.session, self.step
        if session is None or step is None or step.round is None:
            return
        earlier = self.round
        if earlier is not None and answer_count(self.db, earlier.id):
            answer = QMessageBox.question(
                self.parent_view,
                tr("Ronde opnieuw"),
                tr("Opnieuw beginnen? De antwoorden van de vorige ronde van deze stap vervallen."),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        options: list[str] | None = None
        if step.round.kind is RoundKind.CHOICE and not step.round.options:
            options = self.ask_options()
            if options is None:
                return
        host = self.choose_address() if way is RoundWay.PHONE else None
        if way is RoundWay.PHONE and host is None:
            return
        self.stop_server()

        def open_and_listen() -> Round:
            """The round, and for phones its server: announced once both stand (the
            group screen shows the QR code), or closed again when the server cannot."""
            round_ = open_round(self.db, session, step, way, options)
            if host is not None:
                try:
                    self._start_server(round_, host)
                except UserFacingError:
                    close_round(self.db, round_.id)
                    raise
            return round_

        try:
            self.changes.run(open_and_listen, self._changes_of, by=self)
        except UserFacingError as error:
            title = tr("Ronde op telefoons") if host is not None else tr("Ronde")
            QMessageBox.warning(self.parent_view, title, str(error))
            return
        if way is RoundWay.LAPTOP:
            self.show_card()

    def _start_server(self, round_: Round, host: str) -> None:
        server = PhoneServer(
            round_.asks, round_.expected, host, lambda i, a: self.answer_arrived.emit(i, a)
        )
        server.start()
        self.server, self.server_round_id = server, round_.id
        self._qr = qr_png(server.url)

    def _ask_address(self) -> str | None:
        addresses = local_addresses()
        address, chosen = QInputDialog.getItem(
            self.parent_view,
            tr("Ronde op telefoons"),
            tr(
                "Op welk netwerk doen de telefoons mee? Kies het adres van deze laptop op het "
                "netwerk waar ook de telefoons op zitten (bijvoorbeeld de hotspot van de "
                "laptop). 127.0.0.1 is alleen deze laptop zelf."
            ),
            addresses,
            0,
            False,
        )
        return address if chosen and address else None

    def _ask_options(self) -> list[str] | None:
        text, chosen = QInputDialog.getMultiLineText(
            self.parent_view,
            tr("Ronde: de opties"),
            tr("Typ de opties waaruit ieder kiest, elk op een eigen regel:"),
        )
        return text.splitlines() if chosen else None

    # --- the entry card ------------------------------------------------------------------

    def show_card(self) -> None:
        round_ = self.round
        if round_ is None or round_.status is not RoundStatus.OPEN:
            return
        if self.card is None:
            self.card = RoundEntryCard(self.parent_view.window())
            self.card.answered.connect(self._card_done)
            self.card.stop_requested.connect(self._card_stop)
        self.card.build(round_.asks)
        self.card.clear()
        self.card.message.setText(
            tr("Geef de laptop aan de eerste. Niemand ziet wat een ander invulde.")
        )
        self._show_card_count(round_)
        self.card.showMaximized()
        self.card.raise_()
        self.card.activateWindow()

    def _show_card_count(self, round_: Round) -> None:
        assert self.card is not None
        self.card.count.setText(count_text(answer_count(self.db, round_.id), round_.expected))

    def _card_done(self) -> None:
        round_ = self.round
        card = self.card
        if round_ is None or card is None:
            return
        try:
            self.changes.run(
                lambda: save_answer(self.db, round_.id, check_answer(round_.asks, card.answer())),
                self._changes_of(round_),
                by=self,
            )
        except InputError as error:
            card.message.setText(str(error))
            return
        card.clear()
        card.message.setText(tr("Opgeslagen. Geef de laptop door aan de volgende."))
        self._show_card_count(round_)

    def _card_stop(self) -> None:
        if self.card is not None:
            self.card.clear()
            self.card.hide()

    # --- answers from phones -------------------------------------------------------------

    def _queue_answer(self, answer_id: str, answer: Any) -> None:
        self._pending.append((answer_id, answer))
        if not self._store_timer.isActive():
            self._store_timer.start()

    def _store_pending(self) -> None:
        pending, self._pending = self._pending, []
        round_id = self.server_round_id
        if not pending or not round_id:
            return

        def store() -> bool:
            """The answers that came in since the last store, in one transaction."""
            stored = False
            with self.db.atomic():
                for answer_id, answer in pending:
                    try:
                        save_answer(self.db, round_id, answer, answer_id)
                        stored = True
                    except InputError:  # came in as the round closed: it does not count
                        pass
            return stored

        self.changes.run(
            store,
            lambda stored: (
                [Change(ChangeKind.ROUND, round_id, self._session_of(round_id))] if stored else []
            ),
            by=self,
        )

    def _session_of(self, round_id: str) -> str:
        row = self.db.execute("SELECT session_id FROM rounds WHERE id = ?", [round_id]).fetchone()
        return str(row[0]) if row else ""

    # --- reveal and close ----------------------------------------------------------------

    def reveal(self) -> None:
        round_, session = self.round, self.session
        if round_ is None or session is None or round_.status is not RoundStatus.OPEN:
            return
        self._store_pending()
        if needs_confirmation(self.db, round_.id) and not self.confirm_reveal(
            answer_count(self.db, round_.id)
        ):
            return
        self.before_reveal()
        share = round_.way is RoundWay.PHONE and self.bar.share_result.isChecked()
        result, flowed = self.changes.run(
            lambda: reveal_round(self.db, round_.id, session, share),
            lambda revealed: self._changes_of(round_, revealed[1]),
            by=self,
        )
        if flowed.ratings or flowed.note:
            self.flowed_into.emit(round_.step_key)
        if self.server is not None and self.server_round_id == round_.id:
            self.server.set_status(RoundStatus.REVEALED, result.to_json() if share else None)
        self._card_stop()

    def _ask_reveal(self, count: int) -> bool:
        answer = QMessageBox.question(
            self.parent_view,
            tr("Onthullen met weinig antwoorden?"),
            tr(
                "Er zijn pas {count} antwoorden. Onder de {safe} kan iedereen raden wie wat "
                "antwoordde. Toch onthullen?",
                count=count,
                safe=SAFE_REVEAL,
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def close(self) -> None:
        round_ = self.round
        if round_ is None:
            return
        self._store_pending()
        self.changes.run(lambda: close_round(self.db, round_.id), self._changes_of(round_), by=self)
        if self.server_round_id == round_.id:
            self.stop_server()
        self._card_stop()

    def stop_server(self) -> None:
        """The listening socket closes (round closed, session ended, app locked or quit)."""
        if self.server is not None:
            self._store_pending()
            self.server.stop()
            self.server = None
            self.server_round_id = ""
            self._qr = b""

    def shutdown(self) -> None:
        """The session ends or the app locks or quits: no round keeps listening; a phone
        round still open stops taking answers."""
        round_id = self.server_round_id
        self.stop_server()
        if round_id:
            close_round(self.db, round_id)
        self._card_stop()

    @staticmethod
    def _changes_of(round_: Round, flowed: Flowed | None = None) -> list[Change]:
        """What an operation on a round changed: the round, and what its reveal flowed
        into (the team scores, the step's notes, the question coach)."""
        session_id = round_.session_id
        changes = []
        if flowed is not None:
            if flowed.ratings:
                changes.append(Change(ChangeKind.RATING, session_id, session_id))
            if flowed.note:
                changes.append(Change(ChangeKind.NOTE, session_id, session_id))
            changes += [
                Change(ChangeKind.QUESTION, question_id, session_id, Happened.ADDED)
                for question_id in flowed.questions
            ]
        return [*changes, Change(ChangeKind.ROUND, round_.id, session_id)]
