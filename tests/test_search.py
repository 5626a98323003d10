"""Search over notes, actions, findings, measures and reviews (FTS5 kept in step by triggers)."""

from __future__ import annotations

from datetime import date

import pytest

from leersessie.memory.actions import add_action, remove_action, review_action, update_action
from leersessie.memory.search import (
    SearchKind,
    last_word_too_short_for_prefix,
    match_expression,
    search,
    snippet_parts,
)
from leersessie.method.models import ReviewOutcome
from leersessie.method.sessions import save_note, start_session
from leersessie.method.teams import create_team
from leersessie.privacy.deletion import delete_session
from leersessie.store.ids import new_id, now_iso


@pytest.fixture
def team(db):
    return create_team(db, "Wijkteam Oost", ["Anouk", "Bram", "Chaima"])


@pytest.fixture
def session_id(db, catalogue, team):
    return start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 10, 5),
        facilitator="Marieke",
        present=[p.id for p in team.people],
        casusinbrenger_id=team.people[1].id,
    )


def _found(db, query):
    return [(hit.kind, hit.step_key, hit.snippet) for hit in search(db, query)]


def test_diacritics_are_ignored_both_ways(db, session_id):
    save_note(db, session_id, "richtingen", "Betere coördinatie met de huisarts")
    save_note(db, session_id, "inbreng", "De coordinatie rond het gezin loopt vast")
    for query in ("coordinatie", "coördinatie", "COÖRDINATIE"):
        steps = sorted(hit.step_key for hit in search(db, query))
        assert steps == ["inbreng", "richtingen"], query


def test_hit_knows_where_it_lives(db, session_id, team):
    save_note(db, session_id, "verhelderen", "Moeder zegt de afspraak telkens af.")
    [hit] = search(db, "afspraak")
    assert hit.kind is SearchKind.NOTE
    assert (hit.session_id, hit.step_key, hit.team_id) == (session_id, "verhelderen", team.id)
    assert hit.team_name == "Wijkteam Oost"
    assert hit.session_date == date(2026, 10, 5)
    assert hit.template_title == "Actieleren"


def test_all_words_must_match(db, session_id):
    save_note(db, session_id, "inbreng", "Moeder zegt de afspraak af")
    save_note(db, session_id, "verhelderen", "Vader komt wel naar de afspraak")
    assert [h.step_key for h in search(db, "afspraak moeder")] == ["inbreng"]
    assert sorted(h.step_key for h in search(db, "afspraak")) == ["inbreng", "verhelderen"]
    assert search(db, "moeder vader") == []


def test_last_word_matches_as_prefix_while_typing(db, session_id):
    save_note(db, session_id, "inbreng", "Samenwerking met de huisarts")
    assert [h.step_key for h in search(db, "huisa")] == ["inbreng"]
    assert search(db, "huisa samen") == []  # only the last word is a prefix
    assert [h.step_key for h in search(db, "huisarts samen")] == ["inbreng"]


def test_phrase_in_double_quotes(db, session_id):
    save_note(db, session_id, "inbreng", "Moeder zegt de afspraak af")
    save_note(db, session_id, "verhelderen", "De afspraak: moeder zegt niets")
    assert [h.step_key for h in search(db, '"moeder zegt de afspraak"')] == ["inbreng"]
    assert sorted(h.step_key for h in search(db, '"moeder zegt"')) == ["inbreng", "verhelderen"]
    # A phrase is not a prefix: "afspr" inside quotes is a whole word.
    assert search(db, '"afspr"') == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'moeder "',
        '"moeder',
        "*",
        "moeder*",
        "-",
        "-moeder",
        "moeder -vader",
        "AND",
        "moeder AND",
        "OR moeder",
        "NOT",
        "NEAR",
        "NEAR(moeder afspraak)",
        "(",
        ")",
        "(moeder",
        ":",
        "inbreng:moeder",
        "body:moeder",
        "^moeder",
        "+",
        '""',
        '"" ""',
        "'",
        "\\",
        "   ",
        "",
        "{moeder}",
        'moeder AND OR NOT NEAR ( ) : * - " ^',
    ],
)
def test_fts_syntax_characters_never_crash(db, session_id, query):
    save_note(db, session_id, "inbreng", "Moeder zegt de afspraak af")
    hits = search(db, query)
    assert isinstance(hits, list)
    # Syntax around the only word is ignored: the word itself is still searched for.
    if query in _ONLY_MOEDER:
        assert [h.step_key for h in hits] == ["inbreng"], query


_ONLY_MOEDER = {'moeder "', '"moeder', "moeder*", "-moeder", "(moeder", "^moeder", "{moeder}"}


def test_operator_words_are_searched_as_words(db, session_id):
    save_note(db, session_id, "inbreng", "Wat doen we AND wat laten we")
    save_note(db, session_id, "verhelderen", "Niets hiervan")
    assert [h.step_key for h in search(db, "AND")] == ["inbreng"]
    assert match_expression("a AND bij") == '"a" "AND" "bij" *'


def test_a_last_word_shorter_than_the_prefix_index_is_searched_whole(db, session_id):
    """One or two typed letters would make FTS5 merge every word that starts so (80 to
    380 ms on a big database); from three letters on the prefix index answers."""
    save_note(db, session_id, "inbreng", "Het gezin en de school")
    assert match_expression("ge") == '"ge"'
    assert search(db, "ge") == [] and last_word_too_short_for_prefix("ge")
    assert [h.step_key for h in search(db, "gez")] == ["inbreng"]
    assert not last_word_too_short_for_prefix("gez")
    assert [h.step_key for h in search(db, "de")] == ["inbreng"]  # a whole short word
    assert not last_word_too_short_for_prefix('"de"')


def test_match_expression_quotes_every_word():
    assert match_expression("moeder") == '"moeder" *'
    assert match_expression('"de afspraak" moeder') == '"de afspraak" "moeder" *'
    assert match_expression('moeder "de afspraak"') == '"moeder" "de afspraak"'
    assert match_expression('zeg"t') == '"zeg""t" *'
    assert match_expression("* - ( ) :") is None
    assert match_expression("") is None


def test_highlight_parts_mark_exactly_the_matched_words(db, session_id):
    save_note(db, session_id, "inbreng", "Bram belt moeder, en moeder zegt af.")
    [hit] = search(db, "moeder")
    assert hit.snippet_parts == (
        ("Bram belt ", False),
        ("moeder", True),
        (", en ", False),
        ("moeder", True),
        (" zegt af.", False),
    )
    assert hit.snippet == "Bram belt moeder, en moeder zegt af."


def test_highlight_keeps_the_original_accents_and_marks_prefixes(db, session_id):
    save_note(db, session_id, "inbreng", "Coördinatie is lastig")
    [hit] = search(db, "coordin")
    assert hit.snippet_parts == (("Coördinatie", True), (" is lastig", False))


def test_snippet_parts_parser():
    assert snippet_parts("a \x02b\x03 c") == (("a ", False), ("b", True), (" c", False))
    assert snippet_parts("\x02b\x03") == (("b", True),)
    assert snippet_parts("") == ()


def test_html_in_notes_stays_plain_text(db, session_id):
    save_note(db, session_id, "inbreng", "<b>moeder</b> & <script>")
    [hit] = search(db, "moeder")
    assert hit.snippet == "<b>moeder</b> & <script>"
    assert ("moeder", True) in hit.snippet_parts


def test_actions_findings_measures_and_reviews_are_found(db, catalogue, team, session_id):
    action = add_action(
        db,
        session_id,
        "actie",
        "Huisbezoek plannen met de wijkverpleging",
        team.people[0].id,
        date(2026, 10, 20),
    )
    later = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 2),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    review_action(db, action.id, later, ReviewOutcome.DONE, "Wijkverpleging kende het gezin al")
    stamp = now_iso()
    finding_id = new_id()
    db["findings"].insert(
        {
            "id": finding_id,
            "session_id": later,
            "step_key": "bevindingen",
            "text": "Overdracht tussen wijkverpleging en team ontbreekt",
            "position": 0,
            "created_at": stamp,
        }
    )
    db["measures"].insert(
        {
            "id": new_id(),
            "session_id": later,
            "finding_id": finding_id,
            "what": "Vast overdrachtsmoment met de wijkverpleging",
            "owner": "Anouk",
            "level": "team",
            "position": 0,
            "created_at": stamp,
        }
    )
    hits = {(h.kind, h.step_key, h.session_id) for h in search(db, "wijkverpleging")}
    assert hits == {
        (SearchKind.ACTION, "actie", session_id),
        (SearchKind.REVIEW, "terugblik", later),
        (SearchKind.FINDING, "bevindingen", later),
        (SearchKind.MEASURE, "bevindingen", later),
    }


def test_index_follows_edits_and_deletes(db, team, session_id):
    save_note(db, session_id, "inbreng", "eerste versie over school")
    save_note(db, session_id, "inbreng", "tweede versie over de huisarts")
    assert search(db, "school") == []
    assert [h.step_key for h in search(db, "huisarts")] == ["inbreng"]
    save_note(db, session_id, "inbreng", "")
    assert search(db, "huisarts") == []
    action = add_action(db, session_id, "actie", "Bellen met school", None, None)
    update_action(db, action.id, what="Mailen met school", owner_id=None, due=None)
    assert search(db, "bellen") == []
    assert [h.kind for h in search(db, "mailen")] == [SearchKind.ACTION]
    remove_action(db, action.id)
    assert search(db, "mailen") == []
    save_note(db, session_id, "inbreng", "derde versie")
    # One index row per record with words, under the number the record keeps.
    assert _indexed_rows(db) == _numbered_records(db) == 1
    db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")


def _indexed_rows(db) -> int:
    return db.execute("SELECT count(*) FROM search_index_docsize").fetchone()[0]


def _numbered_records(db) -> int:
    return sum(
        db.execute(f"SELECT count(search_id) FROM {table}").fetchone()[0]
        for table in ("notes", "actions", "findings", "measures", "action_reviews")
    )


def test_deleting_a_session_removes_everything_from_the_index(db, team, session_id):
    save_note(db, session_id, "inbreng", "vertrouwelijke casus over opvoeding")
    add_action(db, session_id, "actie", "vertrouwelijke actie", None, None)
    delete_session(db, session_id)
    assert search(db, "vertrouwelijke") == []
    assert db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
    assert _indexed_rows(db) == _numbered_records(db) == 0
    # After the merge no index segment holds the deleted words any more.
    terms = db.execute(
        "SELECT count(*) FROM search_index_data WHERE instr(block, 'vertrouwelijke') > 0"
    ).fetchone()[0]
    assert terms == 0


def test_ranked_by_relevance_then_newest_first(db, catalogue, team, session_id):
    save_note(db, session_id, "inbreng", "school")
    newer = start_session(
        db,
        team_id=team.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 11, 9),
        facilitator="Marieke",
        present=[p.id for p in team.people],
    )
    save_note(db, newer, "inbreng", "school")
    save_note(
        db,
        newer,
        "verhelderen",
        "school school school en nog veel meer woorden over iets anders dan dat",
    )
    hits = search(db, "school")
    assert len(hits) == 3
    # Equal texts score equally: the newer session comes first.
    equal = [h for h in hits if h.step_key == "inbreng"]
    assert [h.session_id for h in equal] == [newer, session_id]


def test_limit_and_all_teams(db, catalogue, team, session_id):
    other = create_team(db, "Team West", ["Daan"])
    elsewhere = start_session(
        db,
        team_id=other.id,
        template=catalogue.get("actieleren"),
        on=date(2026, 10, 6),
        facilitator="Marieke",
        present=[other.people[0].id],
    )
    for step in ("inbreng", "verhelderen", "richtingen"):
        save_note(db, session_id, step, f"overleg over {step}")
    save_note(db, elsewhere, "inbreng", "overleg in West")
    assert len(search(db, "overleg")) == 4
    assert len(search(db, "overleg", limit=2)) == 2
    assert {h.team_name for h in search(db, "overleg")} == {"Wijkteam Oost", "Team West"}


def test_migration_fills_the_index_from_existing_rows(tmp_path):
    from sqlite_utils import Database

    from leersessie.store.migrations import migrations
    from leersessie.store.storage import connect

    path = tmp_path / "old.db"
    db = connect(path)
    migrations.apply(db, stop_before="m002_search_index")
    stamp = now_iso()
    db.execute("INSERT INTO teams VALUES ('t', 'Team', ?, ?)", [stamp, stamp])
    db.execute(
        "INSERT INTO template_versions VALUES ('v', 'actieleren', 1, 'Actieleren', 'x', '', ?)",
        [stamp],
    )
    db.execute(
        "INSERT INTO sessions (id, team_id, template_version_id, template_id, "
        "template_version, date, created_at, updated_at) VALUES "
        "('s', 't', 'v', 'actieleren', 1, '2026-01-05', ?, ?)",
        [stamp, stamp],
    )
    db.execute("INSERT INTO notes VALUES ('n', 's', 'inbreng', 'oude coördinatie', ?)", [stamp])
    db.execute("INSERT INTO notes VALUES ('e', 's', 'actie', '  ', ?)", [stamp])
    db.conn.commit()
    migrations.apply(db)
    assert [(h.record_id, h.step_key) for h in search(Database(db.conn), "coordinatie")] == [
        ("n", "inbreng")
    ]
    assert db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 1


def test_very_common_words_rank_the_most_recent_matches(db, session_id, monkeypatch):
    import leersessie.memory.search as search_module

    for step in ("inbreng", "verhelderen", "richtingen", "eigenaar"):
        save_note(db, session_id, step, f"overleg {step}")
    monkeypatch.setattr(search_module, "RANK_CANDIDATES", 2)
    assert len(search(db, "overleg")) == 4  # never fewer candidates than asked for
    assert {h.step_key for h in search(db, "overleg", limit=2)} == {"richtingen", "eigenaar"}


def test_index_stays_in_step_after_vacuum(db, team, session_id):
    for step in ("inbreng", "verhelderen", "richtingen"):
        save_note(db, session_id, step, f"{step} over de wijkagent")
    with db.atomic():
        db.execute("DELETE FROM notes WHERE step_key = 'inbreng'")
    db.execute("VACUUM")
    save_note(db, session_id, "verhelderen", "nu over de huisarts")
    save_note(db, session_id, "richtingen", "richtingen over de wijkagent, opnieuw")
    assert [h.step_key for h in search(db, "wijkagent")] == ["richtingen"]
    assert [h.step_key for h in search(db, "huisarts")] == ["verhelderen"]
    assert db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 2


def test_saving_while_typing_keeps_one_index_row_per_note(db, session_id):
    text = ""
    for word in ["de", "moeder", "belt", "de", "school", "op", "maandag"]:
        text += word + " "
        save_note(db, session_id, "inbreng", text)
    assert db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 1
    [hit] = search(db, "maandag")
    assert hit.snippet == text
