"""Domain results -> Replies (semantic spans and buttons; never markup)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from core.domain.lists import SYSTEM_LIST_NAMES, WatchList
from core.domain.media import CreditRole, Media, MediaKind
from core.i18n import N_
from core.views.actions import format_action
from core.views.reply import Block, Button, MediaCard, PageInfo, Reply, Span, bold, italic

if TYPE_CHECKING:
    from core.dispatch import Ctx

BUTTON_LABEL_MAX = 60


def list_name(ctx: Ctx, watchlist: WatchList) -> str:
    """A list's display name, translated for system lists."""
    if watchlist.system_key is not None:
        return ctx._(SYSTEM_LIST_NAMES[watchlist.system_key])
    return watchlist.name


def short(text: str, limit: int = BUTTON_LABEL_MAX) -> str:
    """Shorten a label to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def runtime_text(ctx: Ctx, minutes: int | None) -> str:
    """``1h 57m``-style runtime."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if hours:
        return ctx._(N_("{h}h {m}m"), h=hours, m=rest)
    return ctx._(N_("{m}m"), m=rest)


def kind_text(ctx: Ctx, media: Media) -> str:
    """``Movie`` or ``TV show``."""
    return ctx._(N_("Movie")) if media.kind is MediaKind.MOVIE else ctx._(N_("TV show"))


# The country a language most likely means, when neither profile nor locale names one.
_LANGUAGE_REGIONS = {
    "en": "US",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "pt": "BR",
    "ja": "JP",
    "ko": "KR",
    "nl": "NL",
    "sv": "SE",
    "da": "DK",
    "nb": "NO",
    "fi": "FI",
    "pl": "PL",
    "ru": "RU",
    "tr": "TR",
    "uk": "UA",
    "cs": "CZ",
    "hi": "IN",
    "zh": "CN",
}


def viewer_region(ctx: Ctx) -> str:
    """The profile's region, else the locale's territory (pt_BR), else its language's country."""
    return region_of(ctx.profile.region, ctx.locale, ctx.inv.actor.language_code)


def region_of(region: str | None, locale: str, language_code: str | None = None) -> str:
    """A stored region, else a locale's territory (pt_BR), else its language's country."""
    if region:
        return region
    for name in (locale, language_code or ""):
        parts = name.replace("-", "_").split("_")
        if len(parts) > 1 and len(parts[1]) == 2:
            return parts[1].upper()
    return _LANGUAGE_REGIONS.get(locale.split("_")[0], "US")


def media_actions(ctx: Ctx, media: Media) -> tuple[tuple[Button, ...], ...]:
    """The natural next steps for a title."""
    rows = [
        (
            Button(ctx._(N_("To Watch")), format_action("wl", "add", media.id)),
            Button(ctx._(N_("Watched")), format_action("wt", "add", media.id)),
            Button(ctx._(N_("Rate")), format_action("rt", "ask", media.id)),
        ),
        (
            Button(ctx._(N_("Review")), format_action("rv", "ask", media.id)),
            Button(ctx._(N_("Favorite")), format_action("wl", "fav", media.id)),
        ),
    ]
    if media.kind is MediaKind.TV:
        rows[1] = (*rows[1], Button(ctx._(N_("Episodes")), format_action("ep", "ss", media.id, 0)))
    return tuple(rows)


FRIENDS_SHOWN = 3


def friends_text(ctx: Ctx, friends: Sequence[tuple[str, int]]) -> str:
    """``Ana 9/10, Bo 7/10 and 2 more``."""
    shown = ", ".join(f"{name} {value}/10" for name, value in friends[:FRIENDS_SHOWN])
    more = len(friends) - FRIENDS_SHOWN
    if more <= 0:
        return shown
    return ctx.n_("{shown} and {count} more", "{shown} and {count} more", more, shown=shown)


def media_card(
    ctx: Ctx,
    media: Media,
    *,
    rating: int | None,
    lists: Sequence[WatchList],
    watch_count: int,
    formats: Sequence[str],
    friends: Sequence[tuple[str, int]] = (),
    predicted: float | None = None,
) -> Reply:
    """The full title card with the viewer's own data and the ratings of people they follow."""
    subtitle = " · ".join(
        p
        for p in (
            kind_text(ctx, media),
            ", ".join(ctx._(g) for g in media.genres),
            runtime_text(ctx, media.runtime),
            media.certification or "",
        )
        if p
    )
    fields: list[tuple[str, str]] = []
    directors = media.people(CreditRole.DIRECTOR)
    if directors:
        label = N_("Created by") if media.kind is MediaKind.TV else N_("Director")
        fields.append((ctx._(label), ", ".join(directors)))
    cast = media.people(CreditRole.ACTOR)[:5]
    if cast:
        fields.append((ctx._(N_("Cast")), ", ".join(cast)))
    if media.release_date:
        fields.append((ctx._(N_("Released")), media.release_date.isoformat()))
    if media.vote_average is not None:
        fields.append((ctx._(N_("Audience")), f"{media.vote_average:.1f}/10"))
    fields.append((ctx._(N_("My rating")), f"{rating}/10" if rating else ctx._(N_("not rated"))))
    if not rating and predicted is not None:
        fields.append((ctx._(N_("You would probably rate it")), f"~{round(predicted)}/10"))
    if friends:
        fields.append((ctx._(N_("Friends")), friends_text(ctx, friends)))
    if lists:
        fields.append((ctx._(N_("On my lists")), ", ".join(list_name(ctx, w) for w in lists)))
    if watch_count:
        fields.append((ctx._(N_("Watched")), ctx.n_("{count} time", "{count} times", watch_count)))
    if formats:
        fields.append((ctx._(N_("Owned")), ", ".join(formats)))
    region = viewer_region(ctx)
    providers = media.streaming.get(region) if media.streaming else None
    if providers:
        fields.append((ctx._(N_("Where to watch ({region})"), region=region), ", ".join(providers)))
    body: tuple[Block, ...] = ((Span(media.overview),),) if media.overview else ()
    card = MediaCard(
        media_id=media.id,
        title=media.label,
        subtitle=subtitle,
        fields=tuple(fields),
        body=body,
        poster_url=ctx.app.poster_url(media.poster_path),
    )
    return Reply(card=card, buttons=media_actions(ctx, media))


def choose(ctx: Ctx, candidates: Sequence[Media], action_for: Callable[[int], str]) -> Reply:
    """ "Which one?" buttons when several titles match."""
    buttons = tuple(
        (Button(short(f"{m.label} · {kind_text(ctx, m)}"), action_for(m.id)),) for m in candidates
    )
    return Reply(blocks=((bold(ctx._(N_("Which one did you mean?"))),),), buttons=buttons)


def done(ctx: Ctx, message: str, *, media: Media | None = None, replace: bool = False) -> Reply:
    """A confirmation with the title's next actions."""
    blocks: tuple[Block, ...] = ((Span("✅ "), Span(message)),)
    buttons = media_actions(ctx, media) if media is not None else ()
    return Reply(blocks=blocks, buttons=buttons, replace=replace, toast=short(message, 190))


def pager(
    ctx: Ctx, page: int, pages: int, action_for: Callable[[int], str | None]
) -> tuple[tuple[Button, ...], PageInfo | None]:
    """Previous/next buttons for a paginated reply (omitted when an action would not fit)."""
    if pages <= 1:
        return (), None
    row: list[Button] = []
    previous = action_for(page - 1) if page > 1 else None
    following = action_for(page + 1) if page < pages else None
    if previous:
        row.append(Button(ctx._(N_("◀ Previous")), previous))
    if following:
        row.append(Button(ctx._(N_("Next ▶")), following))
    return tuple(row), PageInfo(page, pages)


def heading(text: str) -> Block:
    """A bold heading line."""
    return (bold(text),)


def note(text: str) -> Block:
    """An italic hint line."""
    return (italic(text),)
