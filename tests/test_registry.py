"""The registry every extension point is built on, and what each extension point holds.

A subject's module registers its entries when it loads; the code using an extension point
loads those modules with plain imports, then reads the registry.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from coachdesk import Registry


def greet() -> str:
    return "hello"


def wave() -> str:
    return "wave"


def nod() -> str:
    return "nod"


def test_register_returns_the_entry_as_a_call_and_as_a_decorator() -> None:
    actions: Registry[object] = Registry("greeting")
    assert actions.register(greet) is greet

    @actions.register
    def bow() -> str:
        return "bow"

    assert bow() == "bow"
    assert list(actions) == [greet, bow]
    assert len(actions) == 2


def test_entries_come_out_by_order_then_as_registered() -> None:
    actions: Registry[object] = Registry("greeting")
    actions.register(nod, order=30)
    actions.register(greet, order=10)
    actions.register(wave, order=10)
    assert list(actions) == [greet, wave, nod]


def test_the_same_entry_twice_is_refused() -> None:
    actions: Registry[object] = Registry("greeting")
    actions.register(greet)
    with pytest.raises(ValueError, match="already registered as a greeting"):
        actions.register(greet, order=5)
    assert list(actions) == [greet]


def test_reading_is_a_snapshot() -> None:
    actions: Registry[object] = Registry("greeting")
    actions.register(greet)
    for _ in actions:
        actions.register(wave)  # waits for the next reading
    assert list(actions) == [greet, wave]


# ----------------------------------------------------------------- the extension points


def test_flag_sources_in_display_order() -> None:
    from coachdesk.assembled import agreements, flags, ladder, numbers
    from coachdesk.assembled.flag_sources import FLAG_SOURCES

    expected = [numbers.behind_pace_flags, agreements.agreement_flags, ladder.ladder_flags]
    assert flags.sources() == list(FLAG_SOURCES) == expected


def test_timeline_sources() -> None:
    from coachdesk.assembled import agreements, events, ladder, numbers, timeline

    # The timeline sorts the events itself: the sources' order does not matter.
    found = timeline.sources()
    assert len(found) == len(events.TIMELINE_SOURCES) == 4
    assert set(found) == {
        events.meeting_events,
        numbers.numbers_events,
        agreements.agreement_events,
        ladder.self_rating_events,
    }


def test_prep_sheet_sections_in_sheet_order() -> None:
    from coachdesk.render import prep_sections

    assert list(prep_sections.SECTIONS) == [
        prep_sections.numbers_section,
        prep_sections.plan_section,
        prep_sections.agreement_section,
    ]


def test_sample_extensions_in_the_order_they_run() -> None:
    from coachdesk.sample import agreements, ladder, numbers, team
    from coachdesk.sample.extensions import EXTENSIONS

    expected = [numbers.add_sample_numbers, agreements.add_sample_agreements, ladder.extend]
    assert team.extensions() == list(EXTENSIONS) == expected


def test_rep_page_tabs_in_order() -> None:
    from coachdesk.ui import REP_PAGE_TABS
    from coachdesk.ui.agreements import agreement_page, plan_page
    from coachdesk.ui.ladder import ladder_page
    from coachdesk.ui.numbers import numbers_page
    from coachdesk.ui.rep import rep_page

    expected = [
        agreement_page.make_page,
        plan_page.make_page,
        numbers_page.make_page,
        ladder_page.make_page,
    ]
    assert rep_page.further_tabs() == list(REP_PAGE_TABS) == expected


def test_team_menu_entries_in_order() -> None:
    from coachdesk.ui import TEAM_MENU
    from coachdesk.ui.agreements import team_agreement
    from coachdesk.ui.ladder import team_ladder
    from coachdesk.ui.numbers import team_grid
    from coachdesk.ui.window import main_window

    expected = [team_agreement.install, team_grid.install, team_ladder.install]
    assert main_window.team_menu_entries() == list(TEAM_MENU) == expected


def test_the_order_does_not_depend_on_which_module_loads_first() -> None:
    # A fresh interpreter that loads the subjects backwards, as a rep page built before
    # any flag is gathered would (its Ladder tab loads the ladder's flags first).
    script = """
from coachdesk.sample import ladder, agreements, numbers
from coachdesk.assembled import ladder, agreements, numbers
from coachdesk.ui.ladder import team_ladder, ladder_page
from coachdesk.ui.numbers import team_grid, numbers_page
from coachdesk.assembled import flags
from coachdesk.sample import team
from coachdesk.ui.rep import rep_page
from coachdesk.ui.window import main_window
for entries in (flags.sources(), team.extensions(), rep_page.further_tabs(),
                main_window.team_menu_entries()):
    print(" ".join(f"{e.__module__.rpartition('.')[2]}.{e.__name__}" for e in entries))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines() == [
        "numbers.behind_pace_flags agreements.agreement_flags ladder.ladder_flags",
        "numbers.add_sample_numbers agreements.add_sample_agreements ladder.extend",
        "agreement_page.make_page plan_page.make_page numbers_page.make_page ladder_page.make_page",
        "team_agreement.install team_grid.install team_ladder.install",
    ]
