"""Leerreview: the findings of a casegroep and the measures a reviewteam makes of them.

A casegroep session (practitioners) ends with findings. A reviewteam session
(managers) is linked to one finished casegroep session and turns each finding into
improvement measures, each with an owner and a level. The link is kept both ways:
``measures_for_finding`` goes from a finding to its measures (across every reviewteam
session that worked on it).

Which sessions a reviewteam may link to: the reviewteam is usually a different group
(managers of several organisations) than the casegroep, so ``linkable_sessions``
offers the finished sessions of the linked template of *all* teams, the asking team's
own sessions first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, from_iso, to_iso
from leersessie.base.errors import InputError
from leersessie.base.i18n import ntr, tr
from leersessie.method.models import ActionStatus, ReviewOutcome, SessionInfo, SessionStatus
from leersessie.store.ids import new_id, now_iso


class MeasureLevel(StrEnum):
    """Where a measure changes something; the values are stored in the database.

    The source has the reviewteam work "op organisatie-/systeemniveau" (seed 004, line
    31): new measures choose between those two. ``TEAM`` only names the level of measures
    recorded before, which keep it."""

    TEAM = "team"
    ORGANISATIE = "organisatie"
    SYSTEEM = "systeem"

    @property
    def label(self) -> str:
        return {
            MeasureLevel.TEAM: tr("Team"),
            MeasureLevel.ORGANISATIE: tr("Organisatie"),
            MeasureLevel.SYSTEEM: tr("Systeem"),
        }[self]


class Quadrant(StrEnum):
    """Where a measure lies in Ken Wilber's four quadrants: individual or collective, the
    inner side (intention, values, culture) or the outer side (behaviour, skills, rules,
    structures). The values are stored in the database.

    Seed 004 (line 36, footnote 2) has the reviewteam place its measures in "het
    kwadrant": the first reaction of bestuurders and toezichthouders to a calamity lies
    'rechts' (the outer side), the way to change often 'links' (the inner side); the four
    perspectives complement each other. The report does not spell the quadrants out, so
    ``quadrant_text`` gives Wilber's four with a meaning and an example each, the examples
    taken from the report's own conclusions (lines 25, 36, 88-100)."""

    INDIVIDUEEL_BINNEN = "individueel-binnen"
    INDIVIDUEEL_BUITEN = "individueel-buiten"
    COLLECTIEF_BINNEN = "collectief-binnen"
    COLLECTIEF_BUITEN = "collectief-buiten"

    @property
    def label(self) -> str:
        return quadrant_text(self).label


@dataclass(frozen=True)
class QuadrantText:
    label: str  # short, for a table cell and a choice
    place: str  # where it lies in Wilber's figure
    meaning: str  # one line: what a measure in it changes
    example: str  # one measure of that kind, from the source's own use


def _quadrant_texts() -> dict[Quadrant, QuadrantText]:
    return {
        Quadrant.INDIVIDUEEL_BINNEN: QuadrantText(
            tr("Individueel, binnenkant"),
            tr("links boven, 'ik'"),
            tr("wat iemand denkt, voelt en wil: bedoeling, drijfveren, moed, bewustzijn."),
            tr(
                "hulpverleners krijgen ruimte om hun twijfel en schuldgevoel na de calamiteit "
                "te bespreken ('leren met impact begint bij jezelf')."
            ),
        ),
        Quadrant.INDIVIDUEEL_BUITEN: QuadrantText(
            tr("Individueel, buitenkant"),
            tr("rechts boven, 'het'"),
            tr("wat iemand doet en kan: gedrag, kennis en vaardigheden."),
            tr(
                "jeugdbeschermers oefenen hoe ze zorgen over veiligheid met ouders bespreken "
                "(situaties verhelderen, patronen ontdekken)."
            ),
        ),
        Quadrant.COLLECTIEF_BINNEN: QuadrantText(
            tr("Collectief, binnenkant"),
            tr("links onder, 'wij'"),
            tr(
                "wat een team of organisatie samen gelooft: cultuur, gedeelde waarden en bedoeling."
            ),
            tr(
                "teams bespreken fouten en meningsverschillen als leermoment, niet als schuld "
                "('anders mag')."
            ),
        ),
        Quadrant.COLLECTIEF_BUITEN: QuadrantText(
            tr("Collectief, buitenkant"),
            tr("rechts onder, 'het systeem'"),
            tr("hoe het geregeld is: systemen, structuren, regels, procedures en afspraken."),
            tr(
                "een vaste afspraak over de overdracht tussen wijkteam en jeugdbescherming "
                "(de afstemming tussen organisaties)."
            ),
        ),
    }


def quadrant_text(quadrant: Quadrant) -> QuadrantText:
    """Its label, meaning and example, in the language chosen when it is read."""
    return _quadrant_texts()[quadrant]


def quadrant_explanation() -> str:
    """What the coach reads where a measure is placed: the source's point, then the four."""
    lines = [
        tr(
            "Het kwadrant van Ken Wilber (verslag 'Samen leren met impact', voetnoot 2): de "
            "eerste reactie op een calamiteit ligt vaak rechts (regels, toezicht), de weg "
            "naar verandering vaak links (bedoeling, cultuur). De vier vullen elkaar aan."
        )
    ]
    for quadrant in Quadrant:
        text = quadrant_text(quadrant)
        lines.append(
            tr(
                "{label} ({place}): {meaning} Bijvoorbeeld: {example}",
                label=text.label,
                place=text.place,
                meaning=text.meaning,
                example=text.example,
            )
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Finding:
    id: str
    session_id: str
    step_key: str
    text: str
    position: int


@dataclass(frozen=True)
class Measure:
    id: str
    session_id: str
    finding_id: str
    what: str
    owner: str
    level: MeasureLevel
    due_date: date | None
    position: int
    # Tracked like an action: open until a later reviewteam looks back on it.
    status: ActionStatus = ActionStatus.OPEN
    # Where it lies in Wilber's quadrant; None: not placed (yet, or recorded before m013).
    quadrant: Quadrant | None = None


# --- findings --------------------------------------------------------------


def _clean_finding(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError(tr("Schrijf de bevinding op: wat heeft de casegroep gevonden?"))
    return cleaned


def _finding(row: dict[str, Any]) -> Finding:
    return Finding(row["id"], row["session_id"], row["step_key"], row["text"], row["position"])


def get_finding(db: Database, finding_id: str) -> Finding:
    return _finding(db.table("findings").get(finding_id))


def add_finding(db: Database, session_id: str, step_key: str, text: str) -> Finding:
    """Record a finding at the end of the session's findings."""
    finding_id = new_id()
    with db.atomic():
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM findings WHERE session_id = ?", [session_id]
        ).fetchone()[0]
        db.table("findings").insert(
            {
                "id": finding_id,
                "session_id": session_id,
                "step_key": step_key,
                "text": _clean_finding(text),
                "position": position,
                "created_at": now_iso(),
            }
        )
    return get_finding(db, finding_id)


def update_finding(db: Database, finding_id: str, text: str) -> Finding:
    with db.atomic():
        db.table("findings").update(finding_id, {"text": _clean_finding(text)})
    return get_finding(db, finding_id)


def remove_finding(db: Database, finding_id: str) -> None:
    """Remove a finding, unless a reviewteam already made measures of it.

    The database would delete those measures with it; refusing keeps a reviewteam's
    work from vanishing through an edit in the casegroep session.
    """
    with db.atomic():
        count = db.table("measures").count_where("finding_id = ?", [finding_id])
        if count:
            raise InputError(
                ntr(
                    "Deze bevinding is al uitgewerkt in {n} verbetermaatregel van een "
                    "reviewteam en kan daarom niet worden verwijderd. Pas de tekst aan, of "
                    "verwijder eerst de maatregel in de reviewteam-sessie.",
                    "Deze bevinding is al uitgewerkt in {n} verbetermaatregelen van een "
                    "reviewteam en kan daarom niet worden verwijderd. Pas de tekst aan, of "
                    "verwijder eerst de maatregelen in de reviewteam-sessie.",
                    count,
                )
            )
        db.table("findings").delete(finding_id)


def session_findings(db: Database, session_id: str) -> list[Finding]:
    """The findings of a casegroep session, in the order they were recorded."""
    return [
        _finding(row)
        for row in db.query(
            "SELECT * FROM findings WHERE session_id = ? ORDER BY position, created_at, rowid",
            [session_id],
        )
    ]


def linked_findings(db: Database, session_id: str) -> list[Finding]:
    """The findings a reviewteam session works through: those of its linked session."""
    row = db.execute("SELECT linked_session_id FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None or row[0] is None:
        return []
    return session_findings(db, row[0])


# --- measures --------------------------------------------------------------

_MEASURE_SELECT = """
    SELECT m.* FROM measures m
    JOIN findings f ON f.id = m.finding_id
    JOIN sessions s ON s.id = m.session_id
"""
_MEASURE_ORDER = "ORDER BY s.date, s.created_at, f.position, m.position, m.rowid"


def measure_from_row(row: dict[str, Any]) -> Measure:
    """A measure from a row of the measures table (or a query selecting ``m.*``)."""
    return _measure(row)


def _measure(row: dict[str, Any]) -> Measure:
    return Measure(
        row["id"],
        row["session_id"],
        row["finding_id"],
        row["what"],
        row["owner"],
        MeasureLevel(row["level"]),
        from_iso(row["due_date"]),
        row["position"],
        ActionStatus(row["status"]),
        Quadrant(row["quadrant"]) if row.get("quadrant") else None,
    )


# The levels a coach chooses from, in the order offered.
CHOOSABLE_LEVELS = (MeasureLevel.ORGANISATIE, MeasureLevel.SYSTEEM)


def _level(level: MeasureLevel | str) -> MeasureLevel:
    try:
        chosen = MeasureLevel(level)
    except ValueError:
        chosen = None
    if chosen not in CHOOSABLE_LEVELS:
        raise InputError(
            tr(
                "Kies het niveau van de maatregel: organisatie of systeem. Een reviewteam "
                "werkt bevindingen uit tot maatregelen op die niveaus."
            )
        )
    return chosen


def _quadrant(quadrant: Quadrant | str | None) -> str | None:
    if not quadrant:
        return None
    try:
        return Quadrant(quadrant).value
    except ValueError:
        raise InputError(
            tr("Kies een van de vier kwadranten, of laat het kwadrant nog open.")
        ) from None


def _measure_fields(
    what: str,
    owner: str,
    level: MeasureLevel | str,
    due: date | None,
    quadrant: Quadrant | str | None,
) -> dict[str, object]:
    cleaned_what = what.strip()
    if not cleaned_what:
        raise InputError(tr("Beschrijf de verbetermaatregel: wat gaat er veranderen?"))
    cleaned_owner = " ".join(owner.split())
    if not cleaned_owner:
        raise InputError(tr("Wie is eigenaar van deze maatregel? Vul een naam of functie in."))
    return {
        "what": cleaned_what,
        "owner": cleaned_owner,
        "level": _level(level).value,
        "due_date": to_iso(due),
        "quadrant": _quadrant(quadrant),
    }


def _check_finding_belongs(db: Database, session_id: str, finding_id: str) -> None:
    linked = db.execute(
        "SELECT linked_session_id FROM sessions WHERE id = ?", [session_id]
    ).fetchone()
    origin = db.execute("SELECT session_id FROM findings WHERE id = ?", [finding_id]).fetchone()
    if origin is None:
        raise InputError(tr("Deze bevinding bestaat niet meer; kies een andere bevinding."))
    if linked is None or linked[0] != origin[0]:
        raise InputError(
            tr(
                "Deze bevinding hoort niet bij de casegroep-sessie waaraan deze "
                "sessie gekoppeld is; kies een bevinding uit die sessie."
            )
        )


def get_measure(db: Database, measure_id: str) -> Measure:
    return _measure(db.table("measures").get(measure_id))


def add_measure(
    db: Database,
    session_id: str,
    finding_id: str,
    what: str,
    owner: str,
    level: MeasureLevel | str,
    due: date | None,
    quadrant: Quadrant | str | None = None,
) -> Measure:
    """Record an improvement measure for a finding of the linked casegroep session."""
    fields = _measure_fields(what, owner, level, due, quadrant)
    measure_id = new_id()
    with db.atomic():
        _check_finding_belongs(db, session_id, finding_id)
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM measures "
            "WHERE session_id = ? AND finding_id = ?",
            [session_id, finding_id],
        ).fetchone()[0]
        db.table("measures").insert(
            {
                "id": measure_id,
                "session_id": session_id,
                "finding_id": finding_id,
                **fields,
                "position": position,
                "created_at": now_iso(),
            }
        )
    return get_measure(db, measure_id)


def update_measure(
    db: Database,
    measure_id: str,
    *,
    what: str,
    owner: str,
    level: MeasureLevel | str,
    due: date | None,
    quadrant: Quadrant | str | None,
) -> Measure:
    fields = _measure_fields(what, owner, level, due, quadrant)
    with db.atomic():
        db.table("measures").update(measure_id, fields)
    return get_measure(db, measure_id)


def remove_measure(db: Database, measure_id: str) -> None:
    with db.atomic():
        db.table("measures").delete(measure_id)


def session_measures(db: Database, session_id: str) -> list[Measure]:
    """A reviewteam session's measures, grouped by finding in the findings' order."""
    return [
        _measure(row)
        for row in db.query(
            f"{_MEASURE_SELECT} WHERE m.session_id = ? {_MEASURE_ORDER}", [session_id]
        )
    ]


def measures_for_finding(db: Database, finding_id: str) -> list[Measure]:
    """From a finding to its measures, over every reviewteam session, oldest first."""
    return [
        _measure(row)
        for row in db.query(
            f"{_MEASURE_SELECT} WHERE m.finding_id = ? {_MEASURE_ORDER}", [finding_id]
        )
    ]


def earlier_measures(
    db: Database, session_id: str, finding_id: str
) -> list[tuple[Measure, ReviewOutcome | None]]:
    """The look back of a reviewteam: the measures earlier reviewteam sessions made of
    this finding, oldest first, each with the outcome given in this session, if any."""
    rows = db.query(
        f"""{_MEASURE_SELECT}
        JOIN sessions here ON here.id = ?
        WHERE m.finding_id = ? AND m.session_id != here.id
          AND (s.date < here.date OR (s.date = here.date AND s.created_at < here.created_at))
        {_MEASURE_ORDER}""",
        [session_id, finding_id],
    )
    measures = [_measure(row) for row in rows]
    outcomes = {
        row["measure_id"]: ReviewOutcome(row["outcome"])
        for row in db.query(
            "SELECT measure_id, outcome FROM measure_reviews WHERE session_id = ?", [session_id]
        )
    }
    return [(measure, outcomes.get(measure.id)) for measure in measures]


_STATUS_AFTER = {
    ReviewOutcome.DONE: ActionStatus.DONE,
    ReviewOutcome.DROPPED: ActionStatus.DROPPED,
    ReviewOutcome.CONTINUED: ActionStatus.OPEN,
}


def review_measure(
    db: Database,
    measure_id: str,
    session_id: str,
    outcome: ReviewOutcome,
    new_due: date | None = None,
) -> Measure:
    """Record a later reviewteam's look back on a measure; the measure takes the status
    (and, when it continues, the date) of its latest look back. Reviewing it again in
    the same session replaces that review."""
    if outcome is ReviewOutcome.CONTINUED and new_due is None:
        raise InputError(tr("Geef een nieuwe datum voor een maatregel die doorloopt."))
    if outcome is not ReviewOutcome.CONTINUED:
        new_due = None
    with db.atomic():
        db.execute(
            "INSERT INTO measure_reviews (id, measure_id, session_id, outcome, new_due_date, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (measure_id, session_id) "
            "DO UPDATE SET outcome = excluded.outcome, new_due_date = excluded.new_due_date",
            [new_id(), measure_id, session_id, outcome.value, to_iso(new_due), now_iso()],
        )
        latest, due = db.execute(
            "SELECT r.outcome, r.new_due_date FROM measure_reviews r "
            "JOIN sessions s ON s.id = r.session_id WHERE r.measure_id = ? "
            "ORDER BY s.date DESC, r.created_at DESC LIMIT 1",
            [measure_id],
        ).fetchone()
        changes: dict[str, object] = {"status": _STATUS_AFTER[ReviewOutcome(latest)].value}
        if due is not None:
            changes["due_date"] = due
        db.table("measures").update(measure_id, changes)
    return get_measure(db, measure_id)


# --- themes: from N=1 to N=veel --------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """A theme a reviewteam sees over the findings of one or more casegroep sessions."""

    id: str
    session_id: str
    step_key: str
    text: str
    position: int
    finding_ids: tuple[str, ...]


@dataclass(frozen=True)
class CaseFindings:
    """One finished casegroep session and its findings, to cluster into themes."""

    session: SessionInfo
    findings: tuple[Finding, ...]
    linked: bool  # the session this reviewteam works out


def findings_to_cluster(db: Database, session_id: str) -> list[CaseFindings]:
    """The findings a reviewteam may group into themes: those of its linked casegroep
    session first, then those of every other finished session of that format (of all
    teams, newest first): the source's move from one case to many (seed 004, line 95)."""
    row = db.execute(
        "SELECT s.team_id, s.linked_session_id, linked.template_id FROM sessions s "
        "JOIN sessions linked ON linked.id = s.linked_session_id WHERE s.id = ?",
        [session_id],
    ).fetchone()
    if row is None:
        return []
    team_id, linked_id, template_id = row
    infos = linkable_sessions(db, team_id, template_id)
    infos.sort(key=lambda info: info.id != linked_id)  # stable: the rest keep their order
    cases = [
        CaseFindings(info, tuple(session_findings(db, info.id)), info.id == linked_id)
        for info in infos
    ]
    return [case for case in cases if case.findings]


def _theme_fields(db: Database, session_id: str, text: str, finding_ids: list[str]) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError(tr("Schrijf het thema op: wat komt in deze bevindingen terug?"))
    if not finding_ids:
        raise InputError(tr("Kies de bevindingen die bij dit thema horen."))
    offered = {f.id for case in findings_to_cluster(db, session_id) for f in case.findings}
    if not set(finding_ids) <= offered:
        raise InputError(
            tr(
                "Een van de gekozen bevindingen hoort niet bij een afgeronde casegroep-sessie; "
                "kies de bevindingen opnieuw."
            )
        )
    return cleaned


def _link_findings(db: Database, theme_id: str, session_id: str, finding_ids: list[str]) -> None:
    db.execute("DELETE FROM theme_findings WHERE theme_id = ?", [theme_id])
    db.table("theme_findings").insert_all(
        {"id": new_id(), "theme_id": theme_id, "finding_id": f, "session_id": session_id}
        for f in dict.fromkeys(finding_ids)
    )


def get_theme(db: Database, theme_id: str) -> Theme:
    row = db.table("themes").get(theme_id)
    findings = db.execute(
        "SELECT t.finding_id FROM theme_findings t JOIN findings f ON f.id = t.finding_id "
        "JOIN sessions s ON s.id = f.session_id WHERE t.theme_id = ? "
        "ORDER BY s.date, s.created_at, f.position",
        [theme_id],
    ).fetchall()
    return Theme(
        row["id"],
        row["session_id"],
        row["step_key"],
        row["text"],
        row["position"],
        tuple(f[0] for f in findings),
    )


def add_theme(
    db: Database, session_id: str, step_key: str, text: str, finding_ids: list[str]
) -> Theme:
    """Record a theme at the end of the session's themes, with the findings it groups."""
    theme_id = new_id()
    with db.atomic():
        cleaned = _theme_fields(db, session_id, text, finding_ids)
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM themes WHERE session_id = ?",
            [session_id],
        ).fetchone()[0]
        db.table("themes").insert(
            {
                "id": theme_id,
                "session_id": session_id,
                "step_key": step_key,
                "text": cleaned,
                "position": position,
                "created_at": now_iso(),
            }
        )
        _link_findings(db, theme_id, session_id, finding_ids)
    return get_theme(db, theme_id)


def update_theme(db: Database, theme_id: str, text: str, finding_ids: list[str]) -> Theme:
    with db.atomic():
        session_id = db.table("themes").get(theme_id)["session_id"]
        cleaned = _theme_fields(db, session_id, text, finding_ids)
        if cleaned != db.table("themes").get(theme_id)["text"]:
            db.table("themes").update(theme_id, {"text": cleaned})
        if set(get_theme(db, theme_id).finding_ids) != set(finding_ids):
            _link_findings(db, theme_id, session_id, finding_ids)
    return get_theme(db, theme_id)


def theme_findings(db: Database, theme: Theme) -> list[tuple[Finding, SessionInfo]]:
    """The findings a theme groups, each with the casegroep session it comes from."""
    findings = [get_finding(db, finding_id) for finding_id in theme.finding_ids]
    infos = {
        row["id"]: _info(row)
        for row in db.query(
            f"{_INFO_SELECT} WHERE s.id IN (SELECT value FROM json_each(?))",
            [json.dumps([f.session_id for f in findings])],
        )
    }
    return [(finding, infos[finding.session_id]) for finding in findings]


def theme_counts(db: Database, theme: Theme) -> str:
    """'3 bevindingen uit 2 casussen': how far a theme reaches, from N=1 to N=veel."""
    cases = len({info.id for _, info in theme_findings(db, theme)})
    return tr(
        "{findings} uit {cases}",
        findings=ntr("{n} bevinding", "{n} bevindingen", len(theme.finding_ids)),
        cases=ntr("{n} casus", "{n} casussen", cases),
    )


def remove_theme(db: Database, theme_id: str) -> None:
    with db.atomic():
        db.table("themes").delete(theme_id)


def session_themes(db: Database, session_id: str) -> list[Theme]:
    """A reviewteam session's themes, in the order they were recorded."""
    ids = db.execute(
        "SELECT id FROM themes WHERE session_id = ? ORDER BY position, created_at, rowid",
        [session_id],
    ).fetchall()
    return [get_theme(db, row[0]) for row in ids]


# --- linking sessions --------------------------------------------------------

_INFO_SELECT = """
    SELECT s.id, s.team_id, t.name AS team_name, s.template_id, v.title, s.date,
           s.facilitator, s.status
    FROM sessions s JOIN teams t ON t.id = s.team_id
    JOIN template_versions v ON v.id = s.template_version_id
"""


def _info(row: dict[str, Any]) -> SessionInfo:
    return SessionInfo(
        row["id"],
        row["team_id"],
        row["team_name"],
        row["template_id"],
        row["title"],
        day_from_iso(row["date"]),
        row["facilitator"],
        SessionStatus(row["status"]),
    )


def linkable_sessions(db: Database, team_id: str, template_id: str) -> list[SessionInfo]:
    """Finished sessions of ``template_id`` (the template a reviewteam links to) that a
    session of ``team_id`` may work out: those of every team, since a reviewteam of
    managers is rarely the casegroep's own team. The team's own sessions come first,
    then the newest."""
    return [
        _info(row)
        for row in db.query(
            f"""{_INFO_SELECT} WHERE s.template_id = ? AND s.status = ?
        ORDER BY s.team_id != ?, s.date DESC, s.created_at DESC""",
            [template_id, SessionStatus.FINISHED.value, team_id],
        )
    ]
