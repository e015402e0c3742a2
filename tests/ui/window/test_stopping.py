"""A stop signal is acted on from the event loop, even when it comes during start-up."""

from __future__ import annotations

import os
import signal

import pytest
from pytestqt.qtbot import QtBot

from coachdesk.ui.window.stopping import StopOnSignals

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")


@posix_only
def test_a_signal_before_the_event_loop_runs_stops_once_it_does(qtbot: QtBot) -> None:
    stops: list[str] = []
    stopper = StopOnSignals(lambda: stops.append("stop"))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        # The handler has run (Python runs it before the next line), and asked only:
        # quitting before Qt's loop runs would be ignored.
        assert stopper.requested
        assert stops == []
        qtbot.waitUntil(lambda: stops == ["stop"], timeout=2000)
        os.kill(os.getpid(), signal.SIGHUP)  # a second signal asks nothing more
        qtbot.wait(50)
        assert stops == ["stop"]
    finally:
        stopper.close()
