"""Plan rules: the blank framework and reading a rep's reply back, word for word."""

from __future__ import annotations

from coachdesk.coaching.plans import (
    DEFAULT_AREAS,
    framework_markdown,
    framework_text,
    parse_areas,
    parse_reply,
)

AREAS = parse_areas(DEFAULT_AREAS)


def test_default_areas_are_the_five_core_ones() -> None:
    assert [a for a, _ in AREAS] == [
        "Targets and pipeline",
        "Activity plan",
        "Key accounts",
        "Skills to build",
        "Support needed from me",
    ]
    assert all(prompt.endswith("?") for _, prompt in AREAS)
    assert parse_areas("\nOnly a name\nWith: a question: and more\n") == [
        ("Only a name", ""),
        ("With", "a question: and more"),
    ]


def test_a_markdown_reply_gives_each_area_its_words_exactly() -> None:
    blank = framework_markdown("Ana Ruiz", "2027-Q1", AREAS)
    words = "Close **Acme** ($40k).\n\n### Stretch\n  Globex too  "
    reply = blank.replace(
        "_What will you close this quarter, and what pipeline gets you there?_\n",
        "_What will you close this quarter, and what pipeline gets you there?_\n" + words + "\n",
    ).replace("- \n", "- calls: 60\n- Demos = 12\n| Meetings booked | 1,200 |\nmore hustle\n")

    found = parse_reply(reply, AREAS)

    assert found.answers[0] == words
    assert found.answers[1] == found.answers[4] == ""
    assert found.targets == [("calls", 60.0), ("Demos", 12.0), ("Meetings booked", 1200.0)]
    assert found.unreadable_targets == ["more hustle"]


def test_a_plain_text_reply_with_underlined_headings() -> None:
    blank = framework_text("Ana", "2027-Q1", AREAS)
    reply = blank.replace(
        "What do you need from me to make this plan happen?\n",
        "What do you need from me to make this plan happen?\nAir cover with legal.\n",
    )
    found = parse_reply(reply, AREAS)
    assert found.answers[4] == "Air cover with legal."
    assert found.answers[0] == ""


def test_a_reply_with_headings_as_plain_lines_and_colons() -> None:
    reply = "Hi! here it is\n\nKey accounts:\nAcme\nNorthwind\n\nskills to build\nDiscovery\n"
    found = parse_reply(reply, AREAS)
    assert found.answers == {2: "Acme\nNorthwind", 3: "Discovery"}


def test_a_reply_without_any_heading_finds_nothing() -> None:
    assert parse_reply("I will sell more.", AREAS).answers == {}
