"""Handouts: the blank worksheet of every template, read back as a user reads it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import guidance_shown, pdf_page_count, pdf_text

from leersessie.base.errors import UserFacingError
from leersessie.cli import main
from leersessie.method.models import LOOKBACK_STEP
from leersessie.method.templates import Step, StepKind, builtin_template_files
from leersessie.reports.handout import write_handout

# Collected from the installed package, so a newly shipped template is covered at once.
SHIPPED = [name.removesuffix(".toml") for name, _ in builtin_template_files()]


def flat(text: str) -> str:
    """The text with line wraps undone, so a wrapped sentence is still one sentence."""
    return " ".join(text.split())


@pytest.mark.parametrize("template_id", SHIPPED)
def test_every_shipped_template_has_a_readable_handout(template_id, catalogue, tmp_path):
    template = catalogue.get(template_id)
    target = tmp_path / f"{template_id}.pdf"

    assert write_handout(template, target) == target

    text = flat(pdf_text(target))
    pages = pdf_page_count(target)
    assert text.startswith("Werkblad " + flat(template.title))
    assert template.group_summary and flat(template.group_summary) in text
    assert f"{template.duration_minutes} minuten" in text
    assert flat(template.group_size) in text
    assert "Neem mee" in text
    for thing in template.bring:
        assert flat(thing) in text
    assert "Bron: " + flat(template.source.document) in text
    for number, step in enumerate(template.steps, start=1):
        assert f"{number}. {flat(step.title)}" in text
        assert flat(step.group_prompt) in text
        for item in step.items:
            assert flat(item.title) in text
            assert flat(item.description) in text
            for behaviour in item.behaviours:
                assert flat(behaviour) in text
    for page in range(1, pages + 1):
        assert f"pagina {page} van {pages}" in text


@pytest.mark.parametrize("with_lookback", [False, True])
@pytest.mark.parametrize("template_id", SHIPPED)
def test_no_handout_carries_the_coachs_guidance(template_id, with_lookback, catalogue, tmp_path):
    """The check that keeps the coach's guidance off the group screen, run over the
    handout's text: no purpose, watch-for point or example question, and not the
    summary written for the coach, of any step, the look back's included."""
    template = catalogue.get(template_id)
    target = write_handout(template, tmp_path / "werkblad.pdf", with_lookback)
    text = flat(pdf_text(target))
    steps = (LOOKBACK_STEP, *template.steps)

    assert guidance_shown([flat_step(step) for step in steps], [text]) == []
    if flat(template.summary) != flat(template.group_summary):
        assert flat(template.summary) not in text


def flat_step(step: Step) -> Step:
    """The step with its guidance flattened as the PDF's text is."""
    return replace(
        step,
        purpose=flat(step.purpose),
        group_prompt=flat(step.group_prompt),
        watch_for=tuple(flat(t) for t in step.watch_for),
        questions=tuple(flat(t) for t in step.questions),
    )


def test_each_format_says_what_comes_before_its_first_step(catalogue, tmp_path):
    """The look back on open actions only where a session of the format opens with one;
    the reviewteam says what it starts from instead."""
    for template in catalogue.templates.values():
        text = flat(pdf_text(write_handout(template, tmp_path / f"{template.id}.pdf")))
        first = text.index(f"1. {flat(template.steps[0].title)}")
        before = text[:first]
        if template.opens_with_lookback:
            assert "Vooraf: Terugblik op acties" in before, template.id
            assert flat(LOOKBACK_STEP.group_prompt) in before
        else:
            assert "Terugblik op acties" not in text, template.id
            assert template.before, template.id
            assert "Vooraf " + flat(template.before) in before
    reviewteam = catalogue.get("leerreview-reviewteam")
    assert not reviewteam.opens_with_lookback
    assert catalogue.get("actieleren").opens_with_lookback


def test_each_kind_of_step_gets_its_own_room_to_write(catalogue, tmp_path):
    """One PDF per kind: ratings get a 1-5 scale, actions an action table, findings
    numbered lines, measures a measures table."""
    expected = {
        StepKind.RATINGS: ["Kruis voor jezelf per onderdeel een score aan", "Onderdeel 1 2 3 4 5"],
        StepKind.ACTIONS: ["Afgesproken acties Wat Wie Wanneer"],
        StepKind.FINDINGS: ["Bevindingen 1. 2. 3. 4. 5. 6. 7. 8."],
        StepKind.MEASURES: ["Bevinding Maatregel Eigenaar Niveau Kwadrant Klaar op"],
        StepKind.THEMES: ["Thema Bevindingen (casus en nummer)"],
    }
    seen = set()
    for template in catalogue.templates.values():
        kinds = {step.kind for step in template.steps}
        text = flat(pdf_text(write_handout(template, tmp_path / f"{template.id}.pdf")))
        for kind in kinds & expected.keys():
            seen.add(kind)
            for phrase in expected[kind]:
                assert phrase in text, (template.id, kind)
        if StepKind.RATINGS not in kinds:
            assert "Kruis voor jezelf per onderdeel" not in text
    # Every kind the shipped templates use was looked at (actieleren and
    # teamontwikkelruimte ship with the foundation; leerreview adds the others).
    assert {StepKind.RATINGS, StepKind.ACTIONS} <= seen


def test_cli_prints_a_user_template_from_the_data_folder(workspace, data_dir, tmp_path, capsys):
    own = workspace.catalogue.get("actieleren").source_text.replace(
        'title = "Actieleren"', 'title = "Onze eigen intervisie"'
    )
    (workspace.templates_dir / "onze-intervisie.toml").write_text(own, encoding="utf-8")
    target = tmp_path / "werkblad.pdf"

    code = main(["handout", "onze-intervisie", "-o", str(target), "--data-dir", str(data_dir)])

    assert code == 0
    assert str(target) in capsys.readouterr().out
    assert flat(pdf_text(target)).startswith("Werkblad Onze eigen intervisie")


def test_an_own_template_without_group_texts_still_prints_without_the_coachs_summary(
    catalogue, tmp_path
):
    """A coach's own template may lack group_summary, bring and group prompts: the sheet
    then has the steps' titles and room to write, and still no guidance."""
    template = replace(
        catalogue.get("actieleren"),
        group_summary="",
        bring=(),
        steps=tuple(replace(step, group_prompt="") for step in catalogue.get("actieleren").steps),
    )
    text = flat(pdf_text(write_handout(template, tmp_path / "eigen.pdf")))

    assert "1. Voorwaarden, casus en eigen ontwikkelingsvraag" in text
    assert "Neem mee" not in text
    assert flat(template.summary) not in text
    assert guidance_shown([flat_step(step) for step in template.steps], [text]) == []


def test_cli_names_the_known_templates_for_an_unknown_id(data_dir, tmp_path, capsys):
    target = tmp_path / "werkblad.pdf"

    code = main(["handout", "actieleren.toml", "-o", str(target), "--data-dir", str(data_dir)])

    assert code == 1
    error = capsys.readouterr().err
    assert "Geen sjabloon met id 'actieleren.toml'" in error
    for template_id in SHIPPED:
        assert template_id in error
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing-folder", "parent-is-a-file"])
def test_a_handout_that_cannot_be_written_leaves_nothing(where, catalogue, tmp_path: Path):
    if where == "missing-folder":
        folder = tmp_path / "bestaat-niet"
    else:
        folder = tmp_path / "een-bestand"
        folder.write_text("geen map")
    target = folder / "werkblad.pdf"

    with pytest.raises(UserFacingError) as caught:
        write_handout(catalogue.get("actieleren"), target)

    assert "kon niet worden geschreven" in caught.value.message
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == []


def test_an_existing_handout_is_replaced_whole(catalogue, tmp_path):
    folder = tmp_path / "werkbladen"
    folder.mkdir()
    target = folder / "werkblad.pdf"
    target.write_bytes(b"oud")

    write_handout(catalogue.get("teamontwikkelruimte"), target)

    assert flat(pdf_text(target)).startswith("Werkblad Teamontwikkelruimte")
    assert [p.name for p in folder.iterdir()] == ["werkblad.pdf"]  # no temporary file left


def test_the_handout_numbers_the_steps_as_the_app_does(catalogue, tmp_path):
    """In a session with a look back the app says 'Stap 2 van 6' for the first format step;
    the sheet printed for that session says the same."""
    template = catalogue.get("teamontwikkelruimte")

    with_lookback = flat(pdf_text(write_handout(template, tmp_path / "a.pdf", with_lookback=True)))
    assert "1. Terugblik op acties" in with_lookback
    assert "2. Dialoog voeren" in with_lookback and "6. Eén verbetering afspreken" in with_lookback

    without = flat(pdf_text(write_handout(template, tmp_path / "b.pdf")))
    assert "Vooraf: Terugblik op acties" in without and "1. Dialoog voeren" in without


def test_the_handout_names_each_steps_source_and_the_formats_scale_words(catalogue, tmp_path):
    template = catalogue.get("teamontwikkelruimte")
    text = flat(pdf_text(write_handout(template, tmp_path / "t.pdf")))

    assert (
        "Kruis voor jezelf per onderdeel een score aan: 1 = komt bij ons nauwelijks voor, "
        "5 = komt bij ons sterk en vanzelf voor."
    ) in text
    sources = text[text.index("Bronnen per stap") :]
    assert "1. Dialoog voeren: Hoofdstuk 2 'Wat weten we over ruimte voor leren" in sources
    assert "5. Eén verbetering afspreken: Eigen ontwerp van Leersessie: Figuur 7" in sources
