"""Layout of a running session: the steps on the left, the current step on the right."""

from __future__ import annotations

from html import escape
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from leersessie.base.i18n import tr
from leersessie_ui.dialogs.shortcuts import keys_text
from leersessie_ui.widgets.step_content import StepContentView
from leersessie_ui.widgets.timebox import Timebox
from leersessie_ui.zoom import MinimumLines, show_whole_text

NOTES_MIN_LINES = 4


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class GuideBox(QFrame):
    """A titled box of bullet points: what the coach watches for, or example questions."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName("guideBox")
        self.heading = QLabel(f"<b>{title}</b>", wordWrap=True)
        self.body = _label(name)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch()

    def set_points(self, points: tuple[str, ...]) -> None:
        self.body.setText("".join(f"• {escape(point)}<br>" for point in points))
        self.setVisible(bool(points))
        self._fit_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """Layouts do not ask a word-wrapped label how tall it gets at its width, so a
        long question list was cut off; the page scrolls instead."""
        # -1: the label has nothing to wrap (an empty list); then it needs no height.
        needed = max(0, self.body.heightForWidth(max(self.body.width(), 100)))
        if needed != self.body.minimumHeight():
            self.body.setMinimumHeight(needed)


class NotesEditor(QPlainTextEdit):
    """Tab and Shift+Tab move on to the next field, as everywhere else; Ctrl+Tab types a
    tab for whoever wants one (before, Tab typed tabs into the notes and saved them)."""

    def __init__(self, objectName: str) -> None:
        super().__init__()
        self.setObjectName(objectName)
        self.setTabChangesFocus(True)
        MinimumLines(self, NOTES_MIN_LINES)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() == Qt.Key.Key_Tab
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.insertPlainText("\t")
            return
        super().keyPressEvent(event)


def show_shortcut(button: QPushButton, keys: str) -> None:
    """Give ``button`` a shortcut and say it in its tooltip."""
    button.setShortcut(QKeySequence(keys))
    button.setToolTip(
        f"{button.accessibleName() or button.text()} ({keys_text([button.shortcut()])})"
    )


class PanelHost(QWidget):
    """Shows one step panel at a time and takes only that panel's height (a QStackedWidget
    would reserve room for the tallest panel on every step)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._current: QWidget | None = None

    def addWidget(self, widget: QWidget) -> None:
        widget.hide()
        self._layout.addWidget(widget)

    def setCurrentWidget(self, widget: QWidget) -> None:
        if widget is self._current:
            return  # the same panel for the next step: filled in place, not shown anew
        if self._current is not None:
            self._current.hide()
        self._current = widget
        widget.show()

    def currentWidget(self) -> QWidget | None:
        return self._current


class SessionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(tr("← Overzicht"), objectName="backToHome")
        self.back_button.setAccessibleName(tr("Terug naar het overzicht"))
        self.title = _label("sessionTitle")
        self.summary_button = QToolButton(objectName="summaryButton")
        self.summary_button.setText(tr("Verslag"))
        self.summary_button.setAccessibleName(tr("Verslag maken"))
        self.summary_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button = QToolButton(objectName="sessionMore")
        self.more_button.setText(tr("Meer"))
        self.more_button.setAccessibleName(tr("Meer: controle op cliëntgegevens, verwijderen"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.handout_button = QPushButton(tr("Werkblad"), objectName="handoutButton")
        self.handout_button.setAccessibleName(tr("Leeg werkblad van deze werkvorm"))

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        top.addWidget(self.handout_button)
        top.addWidget(self.summary_button)
        top.addWidget(self.more_button)

        self.banner = QFrame(objectName="banner")
        self.banner_text = _label("bannerText")
        self.edit_button = QPushButton(tr("Bewerken"), objectName="editFinished")
        self.edit_button.setAccessibleName(tr("Afgeronde sessie bewerken"))
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.edit_button)

        self.step_list = QListWidget(objectName="stepList")
        self._step_words: list[str] = []  # the step names' words: the list fits the longest
        self.step_list.setAccessibleName(tr("Stappen van de sessie"))
        self.step_list.setWordWrap(True)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        show_whole_text(self.step_list)

        self.step_counter = _label("muted", wrap=False)
        self.step_title = _label("stepTitle")
        self.timebox = Timebox()
        self.step_purpose = _label("stepPurpose")
        self.watch_for = GuideBox(tr("Waar let de leercoach op"), "watchFor")
        self.questions = GuideBox(tr("Voorbeeldvragen"), "exampleQuestions")
        self.dev_question_box = QFrame(objectName="guideBox")
        self.dev_question_label = QLabel(objectName="devQuestionLabel")
        self.dev_question = QLineEdit(objectName="developmentQuestion")
        self.dev_question.setAccessibleName(tr("Ontwikkelvraag van de casusinbrenger"))
        self.dev_question.setPlaceholderText(tr("Wat wil de casusinbrenger hiervan leren?"))
        self.dev_question_earlier = _label("muted")
        dev_layout = QVBoxLayout(self.dev_question_box)
        dev_layout.addWidget(self.dev_question_label)
        dev_layout.addWidget(self.dev_question)
        dev_layout.addWidget(self.dev_question_earlier)
        self.dev_question_label.setBuddy(self.dev_question)
        self.notes_label = QLabel(tr("&Notities"))
        self.notes = NotesEditor("notesEditor")
        self.notes.setAccessibleName(tr("Notities bij deze stap"))
        self.notes.setPlaceholderText(
            tr(
                "Typ hier de notities van deze stap. Ze worden vanzelf "
                "opgeslagen. Zet geen namen of gegevens van cliënten in "
                "de notities."
            )
        )
        self.notes_label.setBuddy(self.notes)
        self.panel_stack = PanelHost("stepPanels")
        self.shown_content = StepContentView("shownContent")  # what the step's `shows` asks
        # The question coach, in a step where the group asks questions.
        self.round_host = QWidget(objectName="roundHost")  # a step's round (round_controller)
        QVBoxLayout(self.round_host).setContentsMargins(0, 0, 0, 0)
        self.questions_host = QWidget(objectName="questionsHost")
        questions_layout = QVBoxLayout(self.questions_host)
        questions_layout.setContentsMargins(0, 0, 0, 0)
        # Off by default on every step: notes can hold sensitive text.
        self.show_notes = QCheckBox(
            tr("Notities tonen op het groepsscherm"), objectName="showNotes"
        )
        self.save_state = _label("saveState")
        self.error_text = _label("warning")
        self.error_text.hide()
        self.privacy_hint = _label("warning")
        self.privacy_hint.setObjectName("privacyHint")
        self.privacy_hint.setAccessibleName(tr("Waarschuwing: mogelijk cliëntgegevens"))
        self.privacy_hint.hide()

        self.previous_button = QPushButton(tr("Vorige stap"), objectName="previousStep")
        self.next_button = QPushButton(tr("Volgende stap"), objectName="nextStep")
        self.finish_button = QPushButton(tr("Sessie afronden"), objectName="finishSession")
        for button, name in (
            (self.previous_button, tr("Vorige stap")),
            (self.next_button, tr("Volgende stap")),
            (self.finish_button, tr("Sessie afronden")),
        ):
            button.setAccessibleName(name)
        show_shortcut(self.previous_button, "Alt+Left")
        show_shortcut(self.next_button, "Alt+Right")

        # The timer beside the step number, the title on a line of its own: beside the
        # title it pushed the page past a 1024 px screen at 150% ("Opnieuw" cut off).
        header = QHBoxLayout()
        header.addWidget(self.step_counter, 1)
        header.addWidget(self.timebox, 0, Qt.AlignmentFlag.AlignTop)
        guides = QHBoxLayout()
        guides.addWidget(self.watch_for, 1)
        guides.addWidget(self.questions, 1)
        navigation = QHBoxLayout()
        navigation.addWidget(self.save_state, 1)
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        navigation.addWidget(self.finish_button)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(header)
        column.addWidget(self.step_title)
        column.addWidget(self.step_purpose)
        column.addLayout(guides)
        column.addWidget(self.dev_question_box)
        column.addWidget(self.shown_content)
        column.addWidget(self.round_host)  # each answers on their own before the panel's task
        column.addWidget(self.panel_stack)  # the step's own task comes before free notes
        column.addWidget(self.questions_host)
        notes_header = QHBoxLayout()
        notes_header.addWidget(self.notes_label, 1)
        notes_header.addWidget(self.show_notes)
        column.addLayout(notes_header)
        column.addWidget(self.notes, 1)
        column.addWidget(self.privacy_hint)
        column.addWidget(self.error_text)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setObjectName("stepScroll")
        scroll.setWidget(content)
        self.step_scroll = scroll

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addLayout(navigation)

        splitter = QSplitter()
        splitter.addWidget(self.step_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        self._fit_step_list()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_step_list()

    def set_step_names(self, names: list[str]) -> None:
        """The step list's names; they wrap, and the list is as wide as their longest word
        (a word cannot wrap: "ontwikkelingsvraag" was cut off)."""
        self.step_list.clear()
        self.step_list.addItems(names)
        self._step_words = [word for name in names for word in name.split()]
        self._fit_step_list()

    def _fit_step_list(self) -> None:
        """Room for about 16 letters a line, or the longest word, at any zoom level."""
        metrics = self.step_list.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in self._step_words), default=0)
        text = max(16 * metrics.averageCharWidth(), widest)
        # The list's and the items' padding and focus frame (they grow with the zoom, as
        # the letters do), and a scroll bar.
        scroll_bar = self.step_list.verticalScrollBar().sizeHint().width()
        self.step_list.setMinimumWidth(text + 4 * metrics.averageCharWidth() + scroll_bar)

    def order_tabs(self, panel: QWidget | None) -> None:
        """Tab follows the page top to bottom: the header buttons, the step list, the
        timer, the ontwikkelvraag, what the step shows, its own panel, the question coach,
        "notities tonen" and the notes, then the navigation.
        Panels are built after this view (and ratings per step), so the order is set each
        time a step shows."""
        hosts = [self.shown_content, self.round_host, panel, self.questions_host]  # top to bottom
        inside = [
            widget
            for host in hosts
            if host is not None
            for widget in host.findChildren(QWidget)
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.window() is self.window()  # not a combo box's popup list
        ]
        chain = [
            self.back_button,
            self.handout_button,
            self.summary_button,
            self.more_button,
            self.edit_button,
            self.step_list,
            self.timebox.toggle,
            self.timebox.reset_button,
            self.dev_question,
            *inside,
            self.show_notes,
            self.notes,
            self.previous_button,
            self.next_button,
            self.finish_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def scroll_to_top(self) -> None:
        self.step_scroll.verticalScrollBar().setValue(0)
        self.step_scroll.horizontalScrollBar().setValue(0)
