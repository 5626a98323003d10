"""A fictional example team, so a newcomer sees a finished session at once.

All names and situations are invented; no real client data.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

from leersessie.actions import add_action
from leersessie.sessions import finish_session, save_note, start_session
from leersessie.teams import create_team, find_team
from leersessie.templates import Catalogue

DEMO_TEAM = "Wijkteam De Linde (voorbeeld)"
DEMO_PEOPLE = ("Anouk", "Bram", "Chaima", "Daan", "Eline", "Femke")

ACTIELEREN_NOTES = {
    "inbreng": "Bram brengt een gezin in waar de afspraken steeds niet doorgaan. Moeder zegt "
               "telkens kort van tevoren af. Bram twijfelt of hij moet blijven aandringen.\n"
               "Ontwikkelvraag: hoe blijf ik in contact zonder te gaan trekken?",
    "verhelderen": "Vragen over wat er gebeurt vlak voor het afzeggen, wie er nog meer "
                   "betrokken zijn en wat moeder zelf belangrijk vindt. Bram merkt dat hij "
                   "vooral over de afspraken praat en weinig over wat moeder wil.",
    "richtingen": "- Afspreken op een plek die moeder kiest\n- Samen met de school optrekken\n"
                  "- Eerst vragen wat haar zorgen zijn over de afspraken\n"
                  "- Coördinatie met de huisarts",
    "eigenaar": "Bram is eigenaar; Eline denkt mee over de afstemming met school.",
    "actie": "Bram belt moeder en vraagt wat voor haar een goede plek en tijd is.",
}


def load_demo(db: Database, catalogue: Catalogue, today: date | None = None) -> str | None:
    """Create the example team with a finished actieleren session; returns the session id,
    or None when the example team is already there (running it twice adds nothing)."""
    if find_team(db, DEMO_TEAM):
        return None
    today = today or date.today()
    team = create_team(db, DEMO_TEAM, DEMO_PEOPLE)
    people = {person.name: person for person in team.people}
    session_id = start_session(
        db, team_id=team.id, template=catalogue.get("actieleren"),
        on=today - timedelta(days=14), facilitator="Marieke (leercoach)",
        present=[p.id for p in team.people], casusinbrenger_id=people["Bram"].id)
    for step_key, text in ACTIELEREN_NOTES.items():
        save_note(db, session_id, step_key, text)
    add_action(db, session_id, "actie", "Moeder bellen: vragen naar een passende plek en tijd",
               people["Bram"].id, today - timedelta(days=7))
    add_action(db, session_id, "actie", "Afstemmen met de intern begeleider van school",
               people["Eline"].id, today + timedelta(days=7))
    finish_session(db, session_id)
    return session_id
