"""Build a realistic large Leersessie database for the benchmarks.

    python benchmarks/generate.py --data-dir benchmarks/out/groot [--sessions 10000]
        [--teams 200] [--seed 2026] [--big-team 200]

Five years of sessions over all shipped formats, written through the core's own API
(create_team, start_session, save_note, add_action, review_action, add_finding,
add_measure, set_rating, finish_session), so the data passes the same checks, triggers
and indexes as what a coach types. Batches of sessions share one transaction
(``db.atomic()``; the core's own atomics nest as savepoints), which keeps generation to
minutes instead of a commit per row.

Deterministic from the seed: the same seed gives the same teams, dates, texts and ids
(uuid4 is drawn from the seeded generator in this process); only the created_at
timestamps are the wall clock.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
from sqlite_utils import Database

from leersessie.memory.actions import add_action, review_action
from leersessie.method.leerreview import CHOOSABLE_LEVELS, add_finding, add_measure
from leersessie.method.models import ReviewOutcome
from leersessie.method.ratings import set_rating
from leersessie.method.sessions import finish_session, save_note, start_session
from leersessie.method.teams import create_team
from leersessie.method.templates import Catalogue, StepKind, Template
from leersessie.store.paths import database_path
from leersessie.workspace import open_workspace

MARKER = "benchmark-data.json"
END_DATE = date(2026, 10, 30)  # fixed, so the same seed gives the same dates on any day
YEARS = 5
BATCH = 250  # sessions per transaction

# How often each format is run; a reviewteam needs an earlier finished casegroep.
FORMAT_WEIGHTS = {
    "actieleren": 28,
    "bordsessie": 22,
    "leercyclus": 10,
    "teamontwikkelruimte": 10,
    "waarderend-organiseren": 8,
    "leerreview-casegroep": 7,
    "leerreview-reviewteam": 5,
    "bouwstenen-lerende-omgeving": 5,
    "leervoorkeuren": 5,
}
FIRST_NAMES = (
    "Anouk",
    "Bram",
    "Chaima",
    "Daan",
    "Eline",
    "Femke",
    "Gijs",
    "Hatice",
    "Ilse",
    "Joris",
    "Kübra",
    "Lotte",
    "Mehmet",
    "Noëlle",
    "Okke",
    "Priya",
    "Quinten",
    "Renée",
    "Sven",
    "Tessa",
    "Umar",
    "Vera",
    "Willemijn",
    "Yusuf",
    "Zoë",
    "Björn",
    "Siham",
    "Maaike",
)
TEAM_KINDS = (
    "Wijkteam",
    "Jeugdteam",
    "Intervisiegroep",
    "Gezinsteam",
    "Veilig Thuis-team",
    "Ambulant team",
    "Leerteam",
    "Casusteam",
)
PLACES = (
    "Noord",
    "Zuid",
    "De Linde",
    "Overvecht",
    "Kralingen",
    "Ede",
    "Zwolle",
    "Heerlen",
    "Emmen",
    "Lelystad",
    "Tilburg",
    "Groningen",
    "Leeuwarden",
    "Almere",
    "Delft",
)
FACILITATORS = ("Marieke (leercoach)", "Jeroen", "Saskia", "Fatima", "Ruud", "Inge")


@dataclass
class Stats:
    sessions: int = 0
    teams: int = 0
    notes: int = 0
    actions: int = 0
    reviews: int = 0
    findings: int = 0
    measures: int = 0
    ratings: int = 0
    formats: dict[str, int] = field(default_factory=dict)
    big_team_id: str = ""
    seconds: float = 0.0


@dataclass
class _Planned:
    on: date
    team_index: int
    last_of_team: bool


@contextmanager
def _seeded_uuids(seed: int) -> Iterator[None]:
    """Make new_id() reproducible while generating: uuid4 from a seeded generator. Put
    back after, or what the process writes next (the benchmark's saves) would draw ids
    from the same sequence as a database generated with that seed, and collide."""
    ids = random.Random(seed ^ 0x5EED)
    original = uuid.uuid4
    uuid.uuid4 = lambda: uuid.UUID(int=ids.getrandbits(128), version=4)  # type: ignore[assignment]
    try:
        yield
    finally:
        uuid.uuid4 = original  # type: ignore[assignment]


def _sessions_per_team(sessions: int, teams: int, big_team: int) -> list[int]:
    """Team 0 gets ``big_team`` sessions (the team report bar); the rest share the others."""
    big = min(big_team, sessions) if teams > 1 else sessions
    rest, others = sessions - big, teams - 1
    return [big] + [rest // others + (1 if n < rest % others else 0) for n in range(others)]


def _plan(rng: random.Random, counts: list[int], end: date) -> list[_Planned]:
    """Every session's date, over five years, in the order they happened."""
    span = YEARS * 365
    planned = []
    for team_index, count in enumerate(counts):
        days = sorted(rng.randrange(span) for _ in range(count))
        for n, day in enumerate(days):
            planned.append(_Planned(end - timedelta(days=span - day), team_index, n == count - 1))
    planned.sort(key=lambda p: (p.on, p.team_index))
    return planned


def _make_teams(db: Database, rng: random.Random, count: int) -> list[tuple[str, list[str]]]:
    teams = []
    for n in range(count):
        name = f"{rng.choice(TEAM_KINDS)} {rng.choice(PLACES)} {n + 1:03d}"
        people = rng.sample(FIRST_NAMES, rng.randint(4, 12))
        team = create_team(db, name, people)
        teams.append((team.id, [p.id for p in team.people]))
    return teams


class _Generator:
    def __init__(self, db: Database, catalogue: Catalogue, rng: random.Random) -> None:
        self.db = db
        self.rng = rng
        self.templates = {t.id: t for t in catalogue.sorted()}
        self.formats = [f for f in FORMAT_WEIGHTS if f in self.templates]
        self.weights = [FORMAT_WEIGHTS[f] for f in self.formats]
        self.open_actions: dict[str, list[str]] = defaultdict(list)
        self.casegroep_findings: dict[str, list[str]] = {}
        self.stats = Stats()

    def _choose_template(self) -> Template:
        choice = self.rng.choices(self.formats, self.weights)[0]
        template = self.templates[choice]
        if template.links_to and not self.casegroep_findings:
            template = self.templates["actieleren"]
        return template

    def session(self, planned: _Planned, team_id: str, people: list[str]) -> None:
        rng = self.rng
        template = self._choose_template()
        present = rng.sample(people, max(2, round(len(people) * rng.uniform(0.6, 1.0))))
        linked = rng.choice(sorted(self.casegroep_findings)) if template.links_to else None
        session_id = start_session(
            self.db,
            team_id=team_id,
            template=template,
            on=planned.on,
            facilitator=rng.choice(FACILITATORS),
            present=present,
            casusinbrenger_id=rng.choice(present) if template.casusinbrenger else None,
            linked_session_id=linked,
        )
        self.stats.formats[template.id] = self.stats.formats.get(template.id, 0) + 1
        self._look_back(team_id, session_id, planned.on)
        for step in template.steps:
            self._step(session_id, step, planned.on, present, linked)
        if not planned.last_of_team:  # each team's latest session is still open
            finish_session(self.db, session_id)
        self.stats.sessions += 1

    def _look_back(self, team_id: str, session_id: str, on: date) -> None:
        """Most open actions of earlier sessions get their review: done, continued, dropped."""
        still_open = []
        for action_id in self.open_actions[team_id]:
            if self.rng.random() > 0.85:
                still_open.append(action_id)
                continue
            outcome = self.rng.choices(
                [ReviewOutcome.DONE, ReviewOutcome.CONTINUED, ReviewOutcome.DROPPED], [55, 25, 20]
            )[0]
            new_due = (
                on + timedelta(days=self.rng.randint(14, 42))
                if outcome is ReviewOutcome.CONTINUED
                else None
            )
            review_action(
                self.db, action_id, session_id, outcome, self.rng.choice(corpus.LEARNED), new_due
            )
            self.stats.reviews += 1
            if outcome is ReviewOutcome.CONTINUED:
                still_open.append(action_id)
        self.open_actions[team_id] = still_open

    def _step(
        self, session_id: str, step: object, on: date, present: list[str], linked: str | None
    ) -> None:
        rng, db = self.rng, self.db
        if rng.random() < 0.9:
            save_note(db, session_id, step.key, corpus.note(rng))  # type: ignore[attr-defined]
            self.stats.notes += 1
        kind = step.kind  # type: ignore[attr-defined]
        if kind is StepKind.ACTIONS:
            team_id = db.execute(
                "SELECT team_id FROM sessions WHERE id = ?", [session_id]
            ).fetchone()[0]
            for _ in range(rng.randint(3, 9)):
                action = add_action(
                    db,
                    session_id,
                    step.key,  # type: ignore[attr-defined]
                    rng.choice(corpus.ACTIONS),
                    rng.choice(present),
                    on + timedelta(days=rng.randint(7, 56)),
                )
                self.open_actions[team_id].append(action.id)
                self.stats.actions += 1
        elif kind is StepKind.FINDINGS:
            found = [
                add_finding(db, session_id, step.key, text).id  # type: ignore[attr-defined]
                for text in rng.sample(corpus.FINDINGS, rng.randint(2, 5))
            ]
            self.casegroep_findings[session_id] = found
            self.stats.findings += len(found)
        elif kind is StepKind.MEASURES and linked:
            for finding_id in self.casegroep_findings[linked]:
                for _ in range(rng.randint(1, 2)):
                    add_measure(
                        db,
                        session_id,
                        finding_id,
                        rng.choice(corpus.MEASURES),
                        rng.choice(corpus.OWNERS),
                        rng.choice(CHOOSABLE_LEVELS),
                        on + timedelta(days=rng.randint(30, 180)),
                    )
                    self.stats.measures += 1
        elif kind is StepKind.RATINGS:
            for item in step.items:  # type: ignore[attr-defined]
                set_rating(
                    db,
                    session_id,
                    step.key,
                    item.key,  # type: ignore[attr-defined]
                    rng.randint(1, 5),
                )
                self.stats.ratings += 1


def generate(
    data_dir: Path,
    sessions: int = 10_000,
    teams: int = 200,
    seed: int = 2026,
    big_team: int = 200,
    progress: bool = False,
) -> Stats:
    """Fill a NEW data folder; refuses a folder that already holds a database."""
    started = time.perf_counter()
    data_dir = Path(data_dir)
    if database_path(data_dir).exists() or (data_dir / MARKER).exists():
        raise SystemExit(f"{data_dir} holds data already; choose an empty folder")
    rng = random.Random(seed)
    with _seeded_uuids(seed):
        stats = _fill(data_dir, sessions, teams, big_team, rng, progress, started)
    stats.seconds = round(time.perf_counter() - started, 1)
    (data_dir / MARKER).write_text(
        json.dumps(
            {
                "sessions": sessions,
                "teams": teams,
                "seed": seed,
                "big_team": big_team,
                "stats": asdict(stats),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return stats


def _fill(
    data_dir: Path,
    sessions: int,
    teams: int,
    big_team: int,
    rng: random.Random,
    progress: bool,
    started: float,
) -> Stats:
    workspace = open_workspace(data_dir)
    try:
        db = workspace.db
        generator = _Generator(db, workspace.catalogue, rng)
        with db.atomic():
            made = _make_teams(db, rng, teams)
        counts = _sessions_per_team(sessions, teams, big_team)
        planned = _plan(rng, counts, END_DATE)
        for start in range(0, len(planned), BATCH):
            with db.atomic():
                for item in planned[start : start + BATCH]:
                    team_id, people = made[item.team_index]
                    generator.session(item, team_id, people)
            if progress:
                print(
                    f"  {min(start + BATCH, len(planned))}/{len(planned)} sessies "
                    f"({time.perf_counter() - started:.0f} s)",
                    file=sys.stderr,
                )
        db.execute("ANALYZE")
        stats = generator.stats
        stats.teams = teams
        stats.big_team_id = made[0][0]
        return stats
    finally:
        workspace.close()


def read_marker(data_dir: Path) -> dict | None:
    """The parameters and counts of a finished generation, or None (absent or unfinished)."""
    path = Path(data_dir) / MARKER
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--big-team",
        type=int,
        default=200,
        help="sessions of the first team (the team report benchmark)",
    )
    args = parser.parse_args(argv)
    stats = generate(
        args.data_dir, args.sessions, args.teams, args.seed, args.big_team, progress=True
    )
    print(json.dumps(asdict(stats), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
