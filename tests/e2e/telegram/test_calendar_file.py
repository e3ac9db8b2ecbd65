"""A calendar export is sent as a document, not as a photo."""

from __future__ import annotations

from adapters.telegram.render import render
from core.views.reply import Image, Reply, Span


def test_a_calendar_file_is_a_document_with_its_caption() -> None:
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    reply = Reply(
        blocks=((Span("📅 Your calendar: 2 events."),),),
        image=Image(ics, "watchbot.ics", "text/calendar"),
    )
    [call] = render(reply)
    assert call.method == "send_document"
    assert call.kwargs == {
        "document": ics,
        "filename": "watchbot.ics",
        "caption": "📅 Your calendar: 2 events.",
        "parse_mode": "HTML",
    }


def test_a_chart_is_still_a_photo() -> None:
    [call] = render(Reply(image=Image(b"\x89PNG", "chart.png")))
    assert call.method == "send_photo" and call.kwargs["filename"] == "chart.png"
