"""The recap sent to the rep: content, order, omissions, escaping, and no private text."""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import markdown
import pytest

from coachdesk.coaching import recap
from coachdesk.coaching.recap import (
    RecapItem,
    human_date,
    markdown_escape,
    one_line,
    recap_markdown,
    recap_text,
)

MEETING = dt.date(2026, 11, 23)  # a Monday
INTRO = "Thanks for the time today. Here's what we agreed:"
FSI, PDI = "\u2068", "\u2069"


def _full() -> dict[str, Any]:
    return {
        "first_name": "Ana",
        "meeting_date": MEETING,
        "intro": INTRO,
        "mine": [
            RecapItem("Intro you to the CFO at Acme", dt.date(2026, 11, 27)),
            RecapItem("Review your QBR deck", dt.date(2026, 12, 2)),
        ],
        "theirs": [
            RecapItem("Send the proposal to Globex", dt.date(2026, 11, 26)),
            RecapItem("Book the demo"),
        ],
        "done_mine": ["Share the territory map"],
        "done_theirs": ["Update the forecast"],
        "next_meeting": dt.datetime(2026, 11, 30, 9, 0),
    }


def test_plain_recap_reads_as_a_chat_message() -> None:
    assert recap_text(**_full()) == (
        "1:1 recap · Mon 23 Nov\n"
        "\n"
        "Hi Ana,\n"
        "Thanks for the time today. Here's what we agreed:\n"
        "\n"
        "I'll:\n"
        "- Intro you to the CFO at Acme — by Fri 27 Nov\n"
        "- Review your QBR deck — by Wed 2 Dec\n"
        "\n"
        "You'll:\n"
        "- Send the proposal to Globex — by Thu 26 Nov\n"
        "- Book the demo\n"
        "\n"
        "Done:\n"
        "- Me: Share the territory map\n"
        "- You: Update the forecast\n"
        "\n"
        "Our next 1:1 is Mon 30 Nov at 09:00.\n"
    )


def test_plain_recap_has_no_markup_but_bullets() -> None:
    text = recap_text(**_full())
    for symbol in ("*", "_", "#", "`", "**", "[", ">"):
        assert symbol not in text
    bullets = [line for line in text.splitlines() if line.startswith("-")]
    assert len(bullets) == 6
    assert all(line.startswith("- ") for line in bullets)


def test_markdown_recap_reads_as_an_email() -> None:
    assert recap_markdown(**_full()) == (
        "**1:1 recap · Mon 23 Nov**\n"
        "\n"
        "Hi Ana,\n"
        "\n"
        "Thanks for the time today. Here's what we agreed:\n"
        "\n"
        "**I'll:**\n"
        "\n"
        "- Intro you to the CFO at Acme — **by Fri 27 Nov**\n"
        "- Review your QBR deck — **by Wed 2 Dec**\n"
        "\n"
        "**You'll:**\n"
        "\n"
        "- Send the proposal to Globex — **by Thu 26 Nov**\n"
        "- Book the demo\n"
        "\n"
        "**Done:**\n"
        "\n"
        "- Me: Share the territory map\n"
        "- You: Update the forecast\n"
        "\n"
        "Our next 1:1 is **Mon 30 Nov at 09:00**.\n"
    )


def test_markdown_recap_renders_as_three_lists() -> None:
    html = markdown.markdown(recap_markdown(**_full()))
    assert html.count("<ul>") == 3
    assert html.count("<li>") == 6
    assert "<strong>by Fri 27 Nov</strong>" in html


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_mine_come_first_everywhere(render: Any) -> None:
    text = render(**_full())
    assert text.index("I'll") < text.index("You'll")
    assert text.index("Intro you to the CFO") < text.index("Send the proposal")
    assert text.index("Me: Share") < text.index("You: Update")


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_items_keep_the_order_given(render: Any) -> None:
    values = _full()
    values["mine"] = list(reversed(values["mine"]))
    text = render(**values)
    assert text.index("Review your QBR deck") < text.index("Intro you to the CFO")


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_empty_sections_are_left_out(render: Any) -> None:
    text = render(first_name="Ana", meeting_date=MEETING)
    assert "I'll" not in text
    assert "You'll" not in text
    assert "Done" not in text
    assert "next 1:1" not in text
    assert "Hi Ana," in text
    assert "\n\n\n" not in text
    assert text.endswith("Hi Ana,\n")


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_only_their_side_open(render: Any) -> None:
    values = _full()
    values.update(mine=[], done_mine=[], done_theirs=[], next_meeting=None)
    text = render(**values)
    assert "I'll" not in text
    assert "You'll" in text
    assert "Done" not in text
    assert "\n\n\n" not in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_blank_items_and_intro_do_not_make_empty_bullets(render: Any) -> None:
    text = render(
        first_name="  ",
        meeting_date=MEETING,
        intro="\n\n",
        mine=[RecapItem("   "), RecapItem("\n\t")],
        done_theirs=[""],
    )
    assert "I'll" not in text
    assert "Done" not in text
    assert "- \n" not in text
    assert "Hi," in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_next_meeting_as_a_date_has_no_time(render: Any) -> None:
    values = _full()
    values["next_meeting"] = dt.date(2026, 11, 30)
    text = render(**values)
    assert "Mon 30 Nov" in text
    assert "00:00" not in text
    assert "Mon 30 Nov at" not in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_dates_in_another_year_say_the_year(render: Any) -> None:
    values = _full()
    values["theirs"] = [RecapItem("Plan the kickoff", dt.date(2027, 1, 8))]
    values["next_meeting"] = dt.datetime(2027, 1, 4, 14, 30)
    text = render(**values)
    assert "by Fri 8 Jan 2027" in text.replace("**", "")
    assert "Mon 4 Jan 2027 at 14:30" in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_a_date_already_past_says_was_due(render: Any) -> None:
    values = _full()
    values["theirs"] = [RecapItem("Update the CRM", dt.date(2026, 11, 16))]
    text = render(**values).replace("**", "")
    assert "Update the CRM — was due Mon 16 Nov" in text


def test_human_date_is_english_and_unpadded() -> None:
    assert human_date(dt.date(2026, 11, 27)) == "Fri 27 Nov"
    assert human_date(dt.date(2026, 12, 2)) == "Wed 2 Dec"
    assert human_date(dt.date(2027, 1, 1), dt.date(2026, 12, 30)) == "Fri 1 Jan 2027"


def test_the_functions_cannot_take_notes() -> None:
    # "discussed" is lines the manager ticked, offered from the shared notes only.
    for render in (recap_text, recap_markdown):
        names = set(inspect.signature(render).parameters)
        assert names == {
            "discussed",
            "first_name",
            "meeting_date",
            "intro",
            "mine",
            "theirs",
            "done_mine",
            "done_theirs",
            "next_meeting",
        }
        with pytest.raises(TypeError):
            render(**_full(), private_notes="PRIVATE: thinking about a plan")
    assert {f for f in RecapItem.__dataclass_fields__} == {"text", "due"}
    # Pure: it cannot look a meeting up by itself either.
    source = inspect.getsource(recap)
    assert "coachdesk.store" not in source
    assert "PySide6" not in source


# ----------------------------------------------------------------- hard text


def test_markdown_special_characters_stay_literal() -> None:
    nasty = [
        "Close *two* deals_this_week",
        "Read `the playbook` [chapter 2](http://x) ![img](y)",
        "# not a heading",
        "> not a quote",
        "- not a nested list",
        "+ nor this",
        "2024. A good year",
        "Use <b>bold</b> & &amp; ~~strike~~ \\ backslash",
    ]
    values = _full()
    values["theirs"] = [RecapItem(text) for text in nasty]
    html = markdown.markdown(recap_markdown(**values))
    for tag in ("<em>", "<code>", "<a ", "<img", "<h1>", "<blockquote>", "<ol>", "<b>"):
        assert tag not in html
    assert html.count("<ul>") == 3  # no list was nested inside an item
    assert "*two* deals_this_week" in html
    assert "# not a heading" in html
    assert "2024. A good year" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &amp;amp;" in html


def test_markdown_escape() -> None:
    assert markdown_escape("a*b_c`d[e]f") == r"a\*b\_c\`d\[e\]f"
    assert markdown_escape("# h") == r"\# h"
    assert markdown_escape("mid # not at start") == "mid # not at start"
    assert markdown_escape("3) third") == r"3\) third"
    assert markdown_escape("<x> & &copy;") == "&lt;x> & &amp;copy;"
    assert markdown_escape("~~gone~~") == r"\~\~gone\~\~"
    assert markdown_escape("C:\\Users") == "C:\\\\Users"


def test_plain_text_keeps_the_words_as_typed() -> None:
    values = _full()
    values["theirs"] = [RecapItem("Close *two* deals, \"quoted\" & 'single'")]
    text = recap_text(**values)
    assert "- Close *two* deals, \"quoted\" & 'single'" in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_emoji_survive_whole(render: Any) -> None:
    family = "Team lunch 👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇩🇪"
    values = _full()
    values["first_name"] = "Zoë 🎉"
    values["mine"] = [RecapItem(family, dt.date(2026, 11, 27))]
    text = render(**values)
    assert family in text
    assert "Hi Zoë 🎉," in text


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_right_to_left_text_is_isolated(render: Any) -> None:
    values = _full()
    values["first_name"] = "سارة"
    values["theirs"] = [RecapItem("اتصل بالعميل 3", dt.date(2026, 11, 26))]
    text = render(**values)
    assert f"Hi {FSI}سارة{PDI}," in text
    assert f"- {FSI}اتصل بالعميل 3{PDI} — " in text
    # Left-to-right text gets no invisible characters.
    assert f"{FSI}Send" not in render(**_full())


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_line_breaks_in_a_commitment_stay_in_its_bullet(render: Any) -> None:
    values = _full()
    values["theirs"] = [RecapItem("First line\nsecond\r\nthird\u2028fourth\tend\x00")]
    text = render(**values)
    assert "- First line second third fourth end" in text


def test_one_line() -> None:
    assert one_line("  a \n\n b\x0b\x0cc\x1f ") == "a b c"
    assert one_line("e\u0301 \u200d") == "e\u0301 \u200d"


def test_intro_keeps_its_lines() -> None:
    values = _full()
    values["intro"] = "Thanks!\n\n*Here's* the list:"
    plain = recap_text(**values)
    assert "Hi Ana,\nThanks!\n*Here's* the list:\n" in plain
    md = recap_markdown(**values)
    assert "Hi Ana,\n\nThanks!\n\n\\*Here's\\* the list:\n" in md


def test_discussion_lines_come_without_markup_once_each() -> None:
    from coachdesk.coaching.recap import discussion_lines

    notes = "# Globex\n\n- **Pricing**: hold at 12%\n1. Hiring `plan`\n- **Pricing**: hold at 12%\n"
    assert discussion_lines(notes) == ["Globex", "Pricing: hold at 12%", "Hiring plan"]


@pytest.mark.parametrize("render", [recap_text, recap_markdown])
def test_what_we_discussed_comes_after_the_greeting(render: Any) -> None:
    text = render(**_full(), discussed=["Pricing: hold at 12%", "  "]).replace("**", "")
    assert "What we discussed:\n\n- Pricing: hold at 12%" in text or (
        "What we discussed:\n- Pricing: hold at 12%" in text
    )
    assert text.index("What we discussed") < text.index("I'll:")


def test_a_mail_link_is_made_only_for_a_body_a_mail_program_takes() -> None:
    from coachdesk.coaching.recap import MAILTO_LIMIT, mailto

    link = mailto("ana@example.com", "Our 1:1 · Mon 23 Nov", "Hi Ana,\n- a & b")
    assert link == (
        "mailto:ana@example.com?subject=Our%201%3A1%20%C2%B7%20Mon%2023%20Nov"
        "&body=Hi%20Ana%2C%0A-%20a%20%26%20b"
    )
    assert mailto("ana@example.com", "s", "x" * (MAILTO_LIMIT + 1)) is None
