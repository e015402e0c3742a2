"""Whose screen sharing mode starts on."""

from __future__ import annotations

import datetime as dt

from coachdesk.coaching.sharing import whose_screen

NOW = dt.datetime(2026, 11, 23, 9, 5)
ANA, BO, CLEO = 1, 2, 3


def at(hour: int, minute: int = 0, day: int = 23) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute)


def test_the_1_1_begun_a_minute_ago_is_the_one_under_way() -> None:
    assert whose_screen([(ANA, at(9, 4))], [(BO, at(11))], NOW) == ANA


def test_a_1_1_left_open_earlier_loses_to_the_one_scheduled_now() -> None:
    # Bo's 07:30 was never closed out; Ana's 09:00 has begun and Ana is in the room.
    assert whose_screen([(BO, at(7, 30))], [(ANA, at(9))], NOW) == ANA


def test_the_one_about_to_start_is_under_way() -> None:
    assert whose_screen([], [(CLEO, at(9, 15)), (ANA, at(14))], NOW) == CLEO


def test_with_none_under_way_the_next_one_ahead() -> None:
    assert whose_screen([(BO, at(5))], [(ANA, at(14)), (CLEO, at(10, day=24))], NOW) == ANA
    assert whose_screen([], [(ANA, at(9, day=30))], NOW) == ANA


def test_nothing_recent_or_ahead_is_nobody() -> None:
    assert whose_screen([(BO, at(6))], [(ANA, at(7))], NOW) is None
    assert whose_screen([], [], NOW) is None
