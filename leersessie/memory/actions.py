"""Agreed actions, and the look back on them in a team's next session (PDCA)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlite_utils import Database

from leersessie.base.dates import day_from_iso, from_iso, to_iso
from leersessie.base.errors import InputError
from leersessie.base.i18n import N_, tr
from leersessie.method.models import Action, ActionReview, ActionStatus, ReviewOutcome
from leersessie.store.ids import new_id, now_iso

_ACTION_SELECT = """
    SELECT a.id, a.team_id, a.session_id, a.step_key, a.what, a.owner_id,
           coalesce(p.name, '') AS owner_name, a.due_date, a.status
    FROM actions a LEFT JOIN people p ON p.id = a.owner_id
"""


# The Dutch words for an action's status and a look-back's outcome, everywhere they
# are shown (screen, PDF, CSV); wrap them in tr() where shown.
STATUS_LABELS = {
    ActionStatus.OPEN: N_("open"),
    ActionStatus.DONE: N_("gedaan"),
    ActionStatus.DROPPED: N_("vervallen"),
}
OUTCOME_LABELS = {
    ReviewOutcome.DONE: N_("gedaan"),
    ReviewOutcome.CONTINUED: N_("loopt door"),
    ReviewOutcome.DROPPED: N_("vervallen"),
}


def action_status_label(action: Action, today: date) -> str:
    """open / gedaan / vervallen, with "(te laat)" when overdue. Lives here, not in the
    summary PDF module, so the session screen shows it without loading reportlab."""
    label = tr(STATUS_LABELS[action.status])
    return label + tr(" (te laat)") if action.is_overdue(today) else label


def action_from_row(row: dict[str, Any]) -> Action:
    """An action from a row selecting the action's columns and its owner's name."""
    return Action(
        row["id"],
        row["team_id"],
        row["session_id"],
        row["step_key"],
        row["what"],
        row["owner_id"],
        row["owner_name"],
        from_iso(row["due_date"]),
        ActionStatus(row["status"]),
    )


def _clean_what(what: str) -> str:
    cleaned = what.strip()
    if not cleaned:
        raise InputError(tr("Beschrijf de actie: wat gaat er gebeuren?"))
    return cleaned


def check_action_text(what: str) -> None:
    """Refuse an action without a description, as adding it would (a form checks while
    the user types)."""
    _clean_what(what)


def add_action(
    db: Database, session_id: str, step_key: str, what: str, owner_id: str | None, due: date | None
) -> Action:
    """Record an agreed action. A due date in the past is allowed (and shown as overdue)."""
    stamp = now_iso()
    action_id = new_id()
    with db.atomic():
        team_id, position = db.execute(
            "SELECT s.team_id, (SELECT count(*) FROM actions WHERE session_id = s.id) "
            "FROM sessions s WHERE s.id = ?",
            [session_id],
        ).fetchone()
        db.table("actions").insert(
            {
                "id": action_id,
                "team_id": team_id,
                "session_id": session_id,
                "step_key": step_key,
                "what": _clean_what(what),
                "owner_id": owner_id,
                "due_date": to_iso(due),
                "status": ActionStatus.OPEN.value,
                "position": position,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    return get_action(db, action_id)


def update_action(
    db: Database, action_id: str, *, what: str, owner_id: str | None, due: date | None
) -> Action:
    with db.atomic():
        db.table("actions").update(
            action_id,
            {
                "what": _clean_what(what),
                "owner_id": owner_id,
                "due_date": to_iso(due),
                "updated_at": now_iso(),
            },
        )
    return get_action(db, action_id)


def set_action_status(db: Database, action_id: str, status: ActionStatus) -> None:
    with db.atomic():
        db.table("actions").update(action_id, {"status": status.value, "updated_at": now_iso()})


def remove_action(db: Database, action_id: str) -> None:
    with db.atomic():
        db.table("actions").delete(action_id)


def get_action(db: Database, action_id: str) -> Action:
    return action_from_row(next(db.query(f"{_ACTION_SELECT} WHERE a.id = ?", [action_id])))


def session_actions(db: Database, session_id: str) -> list[Action]:
    """The actions agreed in this session, in the order they were agreed."""
    return [
        action_from_row(r)
        for r in db.query(
            f"{_ACTION_SELECT} WHERE a.session_id = ? ORDER BY a.position, a.created_at",
            [session_id],
        )
    ]


def actions_to_review(db: Database, session_id: str) -> list[Action]:
    """What the look back of this session covers: the team's actions from earlier sessions
    that are still open, and those already reviewed in this session."""
    return [
        action_from_row(r)
        for r in db.query(
            f"""{_ACTION_SELECT}
        JOIN sessions here ON here.id = ?
        JOIN sessions origin ON origin.id = a.session_id
        WHERE a.team_id = here.team_id AND a.session_id != here.id
          AND (a.status = 'open' OR EXISTS (SELECT 1 FROM action_reviews r
                                            WHERE r.action_id = a.id AND r.session_id = here.id))
          AND origin.date <= here.date
        ORDER BY origin.date, a.position""",
            [session_id],
        )
    ]


def review_action(
    db: Database,
    action_id: str,
    session_id: str,
    outcome: ReviewOutcome,
    learned: str,
    new_due: date | None = None,
) -> None:
    """Record the look back on an action in this session, and set its status to match.

    Reviewing the same action again in the same session replaces that review, so a
    coach can correct a click without leaving a false trail.
    """
    if outcome is ReviewOutcome.CONTINUED and new_due is None:
        raise InputError(tr("Geef een nieuwe streefdatum voor een actie die doorloopt."))
    if outcome is not ReviewOutcome.CONTINUED:
        new_due = None  # only a continued action gets a new due date
    stamp = now_iso()
    with db.atomic():
        db.execute(
            "INSERT INTO action_reviews (id, action_id, session_id, outcome, learned, "
            "new_due_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (action_id, session_id) DO UPDATE SET outcome = excluded.outcome, "
            "learned = excluded.learned, new_due_date = excluded.new_due_date",
            [
                new_id(),
                action_id,
                session_id,
                outcome.value,
                learned.strip(),
                to_iso(new_due),
                stamp,
            ],
        )
        _follow_latest_review(db, action_id, stamp)


_STATUS_AFTER = {
    ReviewOutcome.DONE: ActionStatus.DONE,
    ReviewOutcome.DROPPED: ActionStatus.DROPPED,
    ReviewOutcome.CONTINUED: ActionStatus.OPEN,
}


def _follow_latest_review(db: Database, action_id: str, stamp: str) -> None:
    """Give the action the status (and, when continued, the due date) of its latest look
    back, so correcting a review in a reopened earlier session never undoes a later one."""
    outcome, new_due = db.execute(
        "SELECT r.outcome, r.new_due_date FROM action_reviews r "
        "JOIN sessions s ON s.id = r.session_id WHERE r.action_id = ? "
        "ORDER BY s.date DESC, r.created_at DESC LIMIT 1",
        [action_id],
    ).fetchone()
    changes: dict[str, object] = {
        "status": _STATUS_AFTER[ReviewOutcome(outcome)].value,
        "updated_at": stamp,
    }
    if new_due is not None:
        changes["due_date"] = new_due
    db.table("actions").update(action_id, changes)


def review_from_row(row: dict[str, Any]) -> ActionReview:
    """A look back from a row of action_reviews with its session's date as ``date``."""
    return ActionReview(
        row["id"],
        row["action_id"],
        row["session_id"],
        day_from_iso(row["date"]),
        ReviewOutcome(row["outcome"]),
        row["learned"],
        from_iso(row["new_due_date"]),
    )


def action_trail(db: Database, action_id: str) -> list[ActionReview]:
    """Every look back on this action, oldest first: its plan-do-check-act trail."""
    return [
        review_from_row(r)
        for r in db.query(
            "SELECT r.*, s.date FROM action_reviews r JOIN sessions s ON s.id = r.session_id "
            "WHERE r.action_id = ? ORDER BY s.date, r.created_at",
            [action_id],
        )
    ]
