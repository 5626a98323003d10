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


def load_volume(db: Database, catalogue: Catalogue, *, sessions: int = 10_000,
                teams: int = 40, actions_per_session: int = 5, notes: bool = True,
                today: date | None = None) -> list[str]:
    """Fill the database with a large fictional history for benchmarks and scale tests:
    ``sessions`` actieleren sessions spread over ``teams`` teams, each with notes and
    ``actions_per_session`` actions, some reviewed (``notes=False`` leaves out the notes,
    for tests that need the volume of sessions and actions only). Returns the team ids.

    Rows go in with executemany in one transaction (the search triggers still fire), so
    10,000 sessions take seconds, not the minutes the one-by-one core calls would.
    """
    from leersessie.sessions import remember_template
    from leersessie.storage import new_id, now_iso

    today = today or date.today()
    stamp = now_iso()
    template = catalogue.get("actieleren")
    statuses = ("open", "open", "done", "dropped", "open")
    with db.atomic():
        version_id = remember_template(db, template)
        team_ids = [create_team(db, f"Volumeteam {n:03d}", DEMO_PEOPLE).id
                    for n in range(teams)]
        people = {team_id: [r[0] for r in db.execute(
            "SELECT id FROM people WHERE team_id = ? ORDER BY position", [team_id])]
            for team_id in team_ids}
        session_rows, note_rows, action_rows, review_rows = [], [], [], []
        for n in range(sessions):
            team_id = team_ids[n % teams]
            members = people[team_id]
            session_id = new_id()
            on = today - timedelta(days=(sessions - n) * 3650 // sessions)
            session_rows.append((session_id, team_id, version_id, template.id,
                                 template.version, on.isoformat(), "Leercoach",
                                 members[n % len(members)], "finished", stamp, stamp))
            for key, text in ACTIELEREN_NOTES.items() if notes else ():
                note_rows.append((new_id(), session_id, key, f"{text} (sessie {n})", stamp))
            for k in range(actions_per_session):
                action_id = new_id()
                due = on + timedelta(days=7 + 7 * k)
                status = statuses[(n + k) % len(statuses)]
                action_rows.append((action_id, team_id, session_id, "actie",
                                    f"Actie {k + 1} van sessie {n}: overleg plannen",
                                    members[(n + k) % len(members)], due.isoformat(), status,
                                    k, stamp, stamp))
                if status != "open" and n + teams < sessions:
                    review_rows.append((action_id, status, f"Geleerd bij actie {k + 1}"))
        db.conn.executemany(
            "INSERT INTO sessions (id, team_id, template_version_id, template_id, "
            "template_version, date, facilitator, casusinbrenger_id, status, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", session_rows)
        db.conn.executemany("INSERT INTO notes (id, session_id, step_key, text, updated_at) "
                            "VALUES (?, ?, ?, ?, ?)", note_rows)
        db.conn.executemany(
            "INSERT INTO actions (id, team_id, session_id, step_key, what, owner_id, due_date, "
            "status, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            action_rows)
        # Each closed action was reviewed in the next session of its team.
        next_session = {session_rows[i][0]: session_rows[i + teams][0]
                        for i in range(len(session_rows) - teams)}
        origin = {row[0]: row[2] for row in action_rows}
        db.conn.executemany(
            "INSERT INTO action_reviews (id, action_id, session_id, outcome, learned, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(new_id(), action_id, next_session[origin[action_id]], outcome, learned, stamp)
             for action_id, outcome, learned in review_rows])
    return team_ids
