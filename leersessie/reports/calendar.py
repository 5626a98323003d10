"""Actions as calendar items (.ics, icalendar): one all-day event per action on its due
date, with its owner and team, so an owner can put them in Outlook or any calendar.
An action without a due date has no day to go on and is left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event
from sqlite_utils import Database

from leersessie import APP_NAME, __version__
from leersessie.base.i18n import tr
from leersessie.memory.overview import (
    ActionFilter,
    ActionRow,
    iter_actions,
    status_text,
    without_control_characters,
)
from leersessie.store.paths import atomic_file, write_failed


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int
    without_date: int  # actions left out: no due date


def _event(row: ActionRow, due: date, stamp: datetime) -> Event:
    """One action's event. Its texts lose their control characters: ESC or BEL typed or
    pasted into an action would reach the calendar program (and a terminal showing the
    file) as they are."""
    action = row.action
    team = without_control_characters(row.team_name)
    event = Event()
    event.add("uid", f"{action.id}@leersessie")  # the same action updates, never doubles
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", without_control_characters(action.what))
    owner = without_control_characters(action.owner_name or tr("geen eigenaar"))
    event.add(
        "description",
        tr(
            "Eigenaar: {owner}\nTeam: {team}\nStatus: {status}\nAfgesproken op {date}",
            owner=owner,
            team=team,
            status=status_text(row),
            date=row.origin_date.strftime("%d-%m-%Y"),
        ),
    )
    event.add("categories", [team])
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy block in the agenda
    return event


def write_ics(db: Database, selection: ActionFilter, target: Path) -> CalendarExport:
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME} {__version__}//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", tr("Acties uit Leersessie"))
    stamp = datetime.now(UTC)
    events = without_date = 0
    for row in iter_actions(db, selection):
        if row.action.due_date is None:
            without_date += 1
            continue
        calendar.add_component(_event(row, row.action.due_date, stamp))
        events += 1
    try:
        with atomic_file(target, ".ics") as temp:
            temp.write_bytes(calendar.to_ical())
    except OSError as exc:
        raise write_failed(target, exc) from exc
    return CalendarExport(target, events, without_date)
