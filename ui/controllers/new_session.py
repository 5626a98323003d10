"""The new-session form: keeps it consistent as the coach picks team, format and people,
and starts the session through the core. Loaded on first use, not at start-up."""

from __future__ import annotations

from sqlite_utils import Database

from leersessie.base.dates import short
from leersessie.base.errors import InputError
from leersessie.base.i18n import tr
from leersessie.memory.lookback import latest_development_question
from leersessie.method.leerreview import linkable_sessions
from leersessie.method.sessions import start_session
from leersessie.method.teams import get_team
from leersessie.method.templates import Template
from leersessie_ui.dialogs.records import NewSessionDialog, from_qdate, template_description


class NewSessionForm:
    """Keeps the new-session form consistent as the coach picks team, format and people."""

    def __init__(
        self, db: Database, dialog: NewSessionDialog, templates: dict[str, Template]
    ) -> None:
        self.db = db
        self.dialog = dialog
        self.templates = templates
        dialog.team.currentIndexChanged.connect(lambda _i: self.team_changed())
        dialog.template_list.currentRowChanged.connect(lambda _r: self.template_changed())
        dialog.present.itemChanged.connect(lambda _item: self.present_changed())
        dialog.casusinbrenger.currentIndexChanged.connect(lambda _i: self.casusinbrenger_changed())

    def template(self) -> Template | None:
        template_id = self.dialog.selected_template_id()
        return self.templates.get(template_id) if template_id else None

    def _team_id(self) -> str:
        team_id = self.dialog.team.value()
        assert team_id is not None  # the dialog opens only with a team chosen
        return team_id

    def team_changed(self) -> None:
        team = get_team(self.db, self._team_id())
        self.dialog.set_people([p for p in team.people if p.active])
        self.present_changed()

    def present_changed(self) -> None:
        team = get_team(self.db, self._team_id())
        present = set(self.dialog.present_ids())
        self.dialog.set_casusinbrenger_choices([p for p in team.people if p.id in present])

    def casusinbrenger_changed(self) -> None:
        """Someone who brought a case before sees their earlier development question."""
        person_id = self.dialog.casusinbrenger.value()
        earlier = latest_development_question(self.db, person_id) if person_id else None
        self.dialog.development_question.setText(
            tr(
                "Eerdere ontwikkelvraag ({date}): {question}",
                date=short(earlier.date),
                question=earlier.question,
            )
            if earlier
            else ""
        )

    def template_changed(self) -> None:
        template = self.template()
        dialog = self.dialog
        if template is None:
            return
        dialog.template_info.setText(template_description(template))
        for widget in (dialog.casusinbrenger, dialog.casusinbrenger_label):
            widget.setVisible(template.casusinbrenger)
        linked = bool(template.links_to)
        for widget in (dialog.linked, dialog.linked_label):
            widget.setVisible(linked)
        if template.links_to:
            dialog.set_linkable(linkable_sessions(self.db, self._team_id(), template.links_to))

    def submit(self) -> str:
        template = self.template()
        dialog = self.dialog
        if template is None:
            raise InputError(tr("Kies een werkvorm."))
        return start_session(
            self.db,
            team_id=self._team_id(),
            template=template,
            on=from_qdate(dialog.date.date()),
            facilitator=dialog.facilitator.text(),
            present=dialog.present_ids(),
            casusinbrenger_id=dialog.casusinbrenger.value() if template.casusinbrenger else None,
            linked_session_id=dialog.linked.value() if template.links_to else None,
            guests=dialog.guest_names(),
        )
