"""Each meeting in its own words on screen (issue 18): the leader's notes under the case's
name, "chosen" and who takes the chosen proposals forward where the room chooses, no `h` where
a meeting makes no action plan, and the closing round's own question and number of points."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from caseroom.store.cases import open_case
from caseroom.ui.app import CaseroomApp
from caseroom.ui.keys import case_words
from caseroom.ui.screens.dialogs.info import HelpScreen
from caseroom.ui.screens.dialogs.plan import PlanScreen
from caseroom.ui.screens.meeting import MeetingScreen
from caseroom.ui.widgets.evaluation import EvaluationPanel
from caseroom.ui.widgets.fields import Field
from caseroom.ui.widgets.notes import NotesList

from .conftest import SIZE, MakeApp
from .helpers import current_screen, shown


def _binding(app: CaseroomApp, key: str) -> tuple[str, str]:
    """The description and tooltip of the meeting key `key` as the screen has it."""
    binding = app.screen.active_bindings[key].binding
    return binding.description, binding.tooltip


async def _walk_to(app: CaseroomApp, segment_id: str) -> None:
    while app.meeting.agenda.current.segment.id != segment_id:
        app.meeting.next()


async def test_the_leader_s_notes_go_by_the_case_s_name(make: MakeApp) -> None:
    app = make(case=open_case("klyngemoede")[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert _binding(app, "c") == (
            "Noter til mødelederen",
            "Vis/skjul mødelederens noter: Noter til mødelederen",
        )
        await pilot.press("space")
        palette = {command.title for command in app.get_system_commands(screen)}
        assert "Noter til mødelederen" in palette and "Case-plot" not in palette
        await pilot.press("c")
        panel = shown(app, "#plot")
        assert panel.startswith("Noter til mødelederen — kun for mødelederen")
        assert "Case-plot" not in panel
        await pilot.press("question_mark")
        assert isinstance(current_screen(app), HelpScreen)
        helped = shown(app, "#help-keys")
        assert "Noter til mødelederen" in helped and "Case-plot" not in helped


async def test_without_a_name_the_leader_s_notes_are_the_case_plot(make: MakeApp) -> None:
    app = make(lang="en")
    async with app.run_test(size=SIZE):
        assert _binding(app, "c") == ("Case plot", "Show/hide the leader's case plot")


async def test_a_meeting_without_an_action_plan_says_why_h_does_nothing(make: MakeApp) -> None:
    app = make(case=open_case("klyngemoede")[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space")
        assert not screen.check_action("plan", ())
        assert screen.not_now("h") == "Tasten h virker ikke nu: dette møde laver ingen handleplan"


async def test_where_the_room_chooses_y_is_chosen_and_h_who_takes_them_forward(
    make: MakeApp,
) -> None:
    app = make(case=open_case("idemoede")[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        app.meeting.add_proposal("Selvbetjent skranke", area="patienterne")
        await _walk_to(app, "gruppering")
        await pilot.press("n")  # into "Valg af idéer", an Opsamling of this meeting
        assert app.meeting.agenda.current.segment.id == "valg"
        assert _binding(app, "h")[0] == "Videre med"
        listing = app.screen.query_one("#opsamling-list", NotesList)
        y = next(b for b in type(listing).BINDINGS if isinstance(b, Binding) and b.key == "y")
        assert (y.description, y.tooltip) == ("Valgt", "Markér forslaget som valgt")
        heading = [str(w.render()) for w in app.screen.query("#content Static.heading")]
        assert "Forslag efter område: vælg dem, I går videre med" in heading
        await pilot.press("tab", "y")
        assert app.meeting.proposals[0].agreed
        await pilot.press("escape", "h")
        dialog = current_screen(app)
        assert isinstance(dialog, PlanScreen)
        title = str(dialog.query_one(".dialog-title", Static).render())
        assert title == "Hvem tager de valgte forslag videre – og hvornår?"
        await pilot.press(*"Bo", "enter", "enter")
        assert app.meeting.opsamling.action_plan_drafter == "Bo"
        side = shown(app, "#opsamling-side")
        assert side.startswith("De valgte tages videre af: Bo")


async def test_the_closing_round_asks_the_case_s_question_with_its_number_of_fields(
    make: MakeApp,
) -> None:
    app = make(case=open_case("retrospektiv")[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await _walk_to(app, "anderledes")
        await pilot.press("n")
        panel = app.screen.query_one(EvaluationPanel)
        assert len(panel.query(Field)) == 1
        headings = [str(w.render()) for w in app.screen.query("#content Static.heading")]
        assert "Evaluering: Ét ord om mødet i dag" in headings
        await pilot.press("e", *"Godt", "enter")
        first = app.meeting.participants[0].name
        assert app.meeting.evaluation_of(first) == ["Godt"]


def test_an_opsamling_of_a_meeting_without_an_action_plan_offers_no_h() -> None:
    case = open_case("klyngemoede")[0]
    hint = case_words(case, "en")["opsamling.hint"]
    assert "y agreed" in hint and "h " not in hint
    assert "opsamling.hint" not in case_words(open_case("t2d-aarsstatus")[0], "en")
