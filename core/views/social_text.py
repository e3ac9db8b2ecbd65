"""Friends' activity and streaming availability, in a handler's reply or a notification."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.media import Media
from core.domain.social import FriendActivity
from core.i18n import N_
from core.views import present
from core.views.actions import format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic
from core.views.speech import Speaker

ACTIVITY = {
    "rated": N_("{friend} rated {title} {rating}/10"),
    "watched": N_("{friend} watched {title}"),
    "listed": N_("{friend} added {title} to a list"),
}
WATCHED_AND_RATED = N_("{friend} watched {title} and rated it {rating}/10")
MAX_BUTTONS = 5


def activity_line(t: Speaker, friend: str, activity: FriendActivity, media: Media) -> str:
    """``Ana rated Dune (2021) 9/10``."""
    return t._(
        ACTIVITY[activity.kind], friend=friend, title=media.label, rating=activity.rating or ""
    )


def feed_block(t: Speaker, friend: str, activity: FriendActivity, media: Media) -> Block:
    """One dated line of a feed."""
    when = activity.at.date().isoformat()
    return (Span(activity_line(t, friend, activity, media)), italic(f" · {when}"))


def title_buttons(t: Speaker, media: Sequence[Media]) -> tuple[tuple[Button, ...], ...]:
    """Details and To Watch for the first few distinct titles."""
    seen: dict[int, Media] = {}
    for item in media:
        seen.setdefault(item.id, item)
    return tuple(
        (
            Button(present.short(m.title, 40), format_action("md", "show", m.id)),
            Button(t._(N_("To Watch")), format_action("wl", "add", m.id)),
        )
        for m in list(seen.values())[:MAX_BUTTONS]
    )


def friend_news(
    t: Speaker, friend: str, media: Media, activities: Sequence[FriendActivity]
) -> Reply:
    """An instant notification: what one friend just did with one title."""
    kinds = {a.kind for a in activities}
    rating = next((a.rating for a in reversed(activities) if a.kind == "rated"), None)
    if {"rated", "watched"} <= kinds:
        text = t._(WATCHED_AND_RATED, friend=friend, title=media.label, rating=rating or "")
    else:
        text = activity_line(t, friend, activities[-1], media)
    return Reply(blocks=((Span("👥 "), Span(text)),), buttons=title_buttons(t, [media]))


def friends_digest(t: Speaker, lines: Sequence[tuple[str, FriendActivity, Media]]) -> Reply:
    """The daily digest of friends' activity."""
    blocks: list[Block] = [(bold(t._(N_("👥 Your friends in the last day"))),)]
    blocks.extend(feed_block(t, friend, a, m) for friend, a, m in lines)
    return Reply(blocks=tuple(blocks), buttons=title_buttons(t, [m for _, _, m in lines]))


def now_streaming(t: Speaker, region: str, found: Sequence[tuple[Media, Sequence[str]]]) -> Reply:
    """Titles on the To Watch list that are now on the person's streaming services."""
    heading = t.n_(
        "📺 {count} title on your To Watch list streams on your services ({region})",
        "📺 {count} titles on your To Watch list stream on your services ({region})",
        len(found),
        region=region,
    )
    blocks: list[Block] = [(bold(heading),)]
    blocks.extend(
        (Span("• "), bold(media.label), Span(f" — {', '.join(providers)}"))
        for media, providers in found
    )
    return Reply(blocks=tuple(blocks), buttons=title_buttons(t, [m for m, _ in found]))


def new_follower(t: Speaker, name: str, follower_id: int, follows_back: bool) -> Reply:
    """ "Ana now follows you", with Follow back unless you already do."""
    text = t._(N_("👥 {name} now follows you."), name=name)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if not follows_back:
        label = t._(N_("Follow {name} back"), name=present.short(name, 30))
        buttons = ((Button(label, format_action("fr", "fb", follower_id)),),)
    return Reply(blocks=((Span(text),),), buttons=buttons)
