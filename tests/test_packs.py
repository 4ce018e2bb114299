"""Printable packs for each session plan (issue 9 item 3), as built: the trainer pack holds every answer of
every exercise the session uses (taken here from the engine's own data), the participant pack holds none of
them; each session page links to its two packs; and a plan the packs cannot draw stops the build naming the
file and the field."""

import html
import re

import pytest

from conftest import ROOT
from test_sessions import GOOD, write_plan

from exercises.catalogue import load_valid
from exercises.definition import Header
from exercises.registry import KNOWN_TYPES
from exercises.roleplay import act
from exercises.site.links import Links
from exercises.site.session_packs import DRAWN_TYPES, fill_packs, handout_html
from exercises.site.sessions import read_sessions

DOCS = ROOT / "docs"


def entries():
    return {e.header.id: e for e in load_valid()}


def sessions():
    return read_sessions(DOCS, {i: e.header for i, e in entries().items()})


def built_text(site, path):
    """The article of a built page, as text a reader sees (entities decoded)."""
    page = (site / path / "index.html").read_text(encoding="utf-8")
    return html.unescape(page[page.index("md-content__inner"):page.index("page-meta")])


def answers(entry) -> list[str]:
    """What only a trainer should see, from the engine's data: quiz explanations, each choice on a role-play's
    best path, an example plan's reasons for its reference scores, the self-check's next steps."""
    model = entry.model
    kind = entry.header.type
    if kind == "quiz":
        return [q.explanation for q in model.questions]
    if kind == "roleplay":
        return [s["say"] for s in act(model, "trainer", {})["best_path"]["steps"]]
    if kind == "plan-review":
        return [mark.why for mark in model.reference.values()]
    if kind == "readiness":
        return [s.next_step for s in model.statements()]
    return []


def used(session):
    return sorted({u["ref"] for s in session["segments"] for u in s["use"] if u["kind"] == "exercise"})


SESSIONS = sorted(p.stem for p in (DOCS / "data" / "sessions").glob("*.yml"))


@pytest.mark.parametrize("ident", SESSIONS)
def test_the_trainer_pack_holds_every_answer_and_the_participant_pack_none(built_site, ident):
    session, found = sessions()[ident], entries()
    trainer = built_text(built_site, f"trainers/sessions/{ident}-trainer-pack")
    participant = built_text(built_site, f"trainers/sessions/{ident}-participant-pack")
    secrets = 0
    for ex in used(session):
        assert f'id="handout-{ex}"' in trainer and f'id="handout-{ex}"' in participant, ex
        for secret in answers(found[ex]):
            secrets += 1
            assert secret in trainer, (ex, secret)
            assert secret not in participant, (ex, secret)
    if any(found[ex].header.type != "plan-calibration" for ex in used(session)):
        assert secrets, "no answers were checked"
    assert "Trainer's copy: contains answers" in trainer
    assert "contains answers" not in participant and "Participant's copy" in participant


@pytest.mark.parametrize("ident", SESSIONS)
def test_the_trainer_pack_has_the_run_sheet_and_notes_and_the_participant_pack_only_titles_and_minutes(built_site, ident):
    session = sessions()[ident]
    trainer = built_text(built_site, f"trainers/sessions/{ident}-trainer-pack")
    participant = built_text(built_site, f"trainers/sessions/{ident}-participant-pack")
    for heading in ("What people will be able to do", "Four weeks before", "One week before", "On the day",
                    "Run-sheet", "Segment by segment"):
        assert f">{heading}<" in trainer, heading
    assert f"({session['minutes']} minutes)" in trainer and f"({session['minutes']} minutes)" in participant
    assert ">What we will do<" in participant and ">What you will be able to do<" in participant
    for objective in session["objectives"]:
        assert objective[:40] in trainer and objective[:40] in participant
    for heading in ("Before the session", "Run-sheet", "Segment by segment", "Notes:", "Questions to ask"):
        assert heading not in participant, heading
    rows = re.findall(r"<tr>\s*<td>(\d+:\d\d)</td>\s*<td>(\d+)</td>\s*<td>([^<]*)</td>", participant)
    assert [(int(m), t) for _, m, t in rows] == [(s["minutes"], s["title"]) for s in session["segments"]]
    for segment in session["segments"]:
        for question in segment["ask"]:
            if "[" not in question:  # a question with a link is drawn with the link's words only
                assert question in trainer and question not in participant


def test_the_quiz_prints_for_participants_as_questions_with_a_blank_box_each(built_site):
    quiz = entries()["parts-of-the-house"].model
    participant = built_text(built_site, "trainers/sessions/practice-taster-participant-pack")
    handout = participant[participant.index('id="handout-parts-of-the-house"'):]
    for q in quiz.questions:
        assert q.prompt in handout
    assert handout.count('class="paper-blank"') == len(quiz.questions)
    assert "<select" not in handout and participant.count("<button") == 1  # only "Print this pack"


def test_role_cards_and_the_observer_checklist_are_in_both_packs(built_site):
    trainer = built_text(built_site, "trainers/sessions/top-up-60-trainer-pack")
    participant = built_text(built_site, "trainers/sessions/top-up-60-participant-pack")
    for page in (trainer, participant):
        assert "Playing Kevin" in page and "Observing" in page and ">Observer checklist<" in page
    assert ">The best path" in trainer and "The best path" not in participant


def test_an_example_plan_prints_for_participants_without_its_marking(built_site):
    plan = entries()["gary-diabetes-plan"].model
    participant = built_text(built_site, "trainers/sessions/train-the-trainer-participant-pack")
    trainer = built_text(built_site, "trainers/sessions/train-the-trainer-trainer-pack")
    assert plan.document_title in participant and "Reference total" not in participant
    assert participant.count('class="paper-tick"') >= len(plan.rubric.criteria) * len(plan.rubric.levels)
    assert f"Reference total: {sum(plan.reference_scores())} out of" in trainer


def test_each_session_page_links_to_its_two_packs(built_site):
    for ident in SESSIONS:
        page = (built_site / "trainers" / "sessions" / ident / "index.html").read_text(encoding="utf-8")
        for kind in ("trainer", "participant"):
            assert f'href="../{ident}-{kind}-pack/"' in page, (ident, kind)
            assert (built_site / "trainers" / "sessions" / f"{ident}-{kind}-pack" / "index.html").is_file()


def test_the_packs_are_left_out_of_the_menu_and_the_search(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "-pack/" not in index
    page = (built_site / "trainers" / "sessions" / "top-up-60" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('class="md-nav'):page.index("md-content")]
    assert "-pack/" not in nav


def test_every_exercise_type_can_be_drawn_in_both_packs():
    assert set(KNOWN_TYPES) == set(DRAWN_TYPES)
    for ident, entry in entries().items():
        for kind in ("trainer", "participant"):
            drawn = handout_html(entry, kind, Links(DOCS, "trainers/sessions/x-pack.md"))
            assert drawn.strip() and "<script" not in drawn and "data-exercise=" not in drawn, (ident, kind)


def test_a_plan_using_an_exercise_the_packs_cannot_draw_is_named_by_file_and_field(tmp_path):
    plan = GOOD.replace("      - page: house/index.md\n", "      - exercise: essay-one\n")
    docs = write_plan(tmp_path, plan)
    essay = Header(id="essay-one", type="essay", title="An essay", page="house/index.md")
    with pytest.raises(ValueError, match=r"plan\.yml:15: run_sheet\[0\]\.use\[0\]\.exercise: 'essay-one' is an exercise "
                                         r"of type essay, which the printable packs cannot draw"):
        read_sessions(docs, {"essay-one": essay})


def test_a_pack_marker_naming_no_plan_is_named_with_its_page():
    with pytest.raises(ValueError, match=r"docs/trainers/x\.md: \[\[participant-pack: nope\]\]: there is no session"):
        fill_packs("# X\n\n[[participant-pack: nope]]\n", "trainers/x.md", {}, DOCS, {})


def test_text_from_a_plan_is_shown_as_typed_in_the_packs(tmp_path):
    docs = write_plan(tmp_path, GOOD.replace("title: Start", 'title: "<b>Start</b> | [x](javascript:x)"'))
    found = read_sessions(docs, {})
    for kind in ("trainer", "participant"):
        drawn = fill_packs(f"[[{kind}-pack: plan]]\n", f"trainers/sessions/plan-{kind}-pack.md", found, docs, {})
        assert "<b>" not in drawn and "&lt;b&gt;" in drawn and "](javascript:" not in drawn
