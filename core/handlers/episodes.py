"""TV tracking: /episodes, /ep and /next."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.episodes import ShowProgress, parse_episode_code
from core.domain.media import Media
from core.handlers.common import with_title
from core.i18n import N_
from core.services.episodes import Checklist
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic

WHOLE_SHOW = "ALL"
SHOW = Param("show", ParamKind.TITLE, N_("TV show title or #id"))


def _progress_line(ctx: Ctx, state: ShowProgress) -> Block:
    text = ctx._(
        N_("{watched} of {aired} aired episodes watched ({percent}%)."),
        watched=state.watched,
        aired=state.aired,
        percent=state.percent,
    )
    return (italic(text),)


def _next_text(ctx: Ctx, state: ShowProgress) -> str:
    episode = state.next_episode
    if episode is None:
        return ctx._(N_("All caught up."))
    text = f"{episode.code} · {episode.title}"
    if episode.air_date and episode.air_date > ctx.app.clock.now().date():
        text += " · " + ctx._(N_("airs {date}"), date=episode.air_date.isoformat())
    return text


def render_checklist(ctx: Ctx, checklist: Checklist, *, replace: bool = False) -> Reply:
    """A season's episodes as a checklist with toggle buttons."""
    media, season = checklist.media, checklist.season
    blocks: list[Block] = [
        (bold(f"{media.label} — {season.name}"),),
        _progress_line(ctx, checklist.progress),
    ]
    rows: list[tuple[Button, ...]] = []
    for episode in season.episodes:
        mark = "✅" if episode.id in checklist.watched else "⬜"
        when = f" ({episode.air_date.isoformat()})" if episode.air_date else ""
        blocks.append((Span(f"{mark} {episode.code} "), Span(episode.title), italic(when)))
        rows.append(
            (
                Button(
                    present.short(f"{mark} {episode.code} {episode.title}", 40),
                    format_action("ep", "tg", media.id, episode.id),
                ),
            )
        )
    seasons = [
        Button(
            ("• " if n == season.number else "") + f"S{n:02d}",
            format_action("ep", "ss", media.id, n),
        )
        for n in checklist.seasons
    ]
    rows.extend(tuple(seasons[i : i + 5]) for i in range(0, len(seasons), 5))
    rows.append(
        (
            Button(
                ctx._(N_("Mark season watched")),
                format_action("ep", "mk", media.id, f"S{season.number:02d}"),
            ),
        )
    )
    return Reply(blocks=tuple(blocks), buttons=tuple(rows), replace=replace)


async def episodes(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """A show's episode checklist (one season)."""
    season = int(args["season"]) if "season" in args else None

    async def then(media: Media) -> Reply:
        checklist = await ctx.app.episodes.checklist(
            ctx.profile.id, media.id, season, ctx.profile.timezone
        )
        return render_checklist(ctx, checklist)

    return await with_title(
        ctx, args["show"], lambda i: format_action("ep", "ss", i, season or 0), then
    )


async def season_button(ctx: Ctx, action: Action) -> Reply:
    """Open a season (0: the season of the next episode)."""
    number = action.int_arg(1)
    checklist = await ctx.app.episodes.checklist(
        ctx.profile.id, action.int_arg(0), number or None, ctx.profile.timezone
    )
    return render_checklist(ctx, checklist, replace=number != 0)


async def toggle_button(ctx: Ctx, action: Action) -> Reply:
    """Flip one episode."""
    checklist = await ctx.app.episodes.toggle(
        ctx.profile.id, action.int_arg(0), action.int_arg(1), ctx.profile.timezone
    )
    return render_checklist(ctx, checklist, replace=True)


async def _mark(ctx: Ctx, media: Media, code: str) -> Reply:
    wanted = None if code.upper() == WHOLE_SHOW else code
    marked = await ctx.app.episodes.mark(ctx.profile.id, media.id, wanted, ctx.profile.timezone)
    if len(marked.episodes) == 1:
        e = marked.episodes[0]
        text = ctx._(
            N_("Marked {show} {code} “{title}” as watched."),
            show=media.title,
            code=e.code,
            title=e.title,
        )
    else:
        text = ctx._(
            N_("Marked {count} episodes of {show} as watched."),
            count=len(marked.episodes),
            show=media.title,
        )
    blocks: list[Block] = [(Span("✅ "), Span(text)), _progress_line(ctx, marked.progress)]
    if marked.completed:
        blocks.append(
            (
                Span(
                    ctx._(
                        N_("You have seen every aired episode; {show} is on Completed."),
                        show=media.title,
                    )
                ),
            )
        )
    else:
        blocks.append((Span(ctx._(N_("Next: {next}"), next=_next_text(ctx, marked.progress))),))
    buttons: list[tuple[Button, ...]] = []
    upcoming = marked.progress.next_episode
    if upcoming is not None:
        buttons.append(
            (
                Button(
                    ctx._(N_("Watched {code}"), code=upcoming.code),
                    format_action("ep", "mk", media.id, upcoming.code),
                ),
                Button(
                    ctx._(N_("Episodes")),
                    format_action("ep", "ss", media.id, upcoming.season_number),
                ),
            )
        )
    return Reply(blocks=tuple(blocks), buttons=tuple(buttons), toast=present.short(text, 190))


async def ep(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Mark an episode (S01E03), a season (S01) or every aired episode (all) watched."""
    code = args["code"].strip().upper()
    if code != WHOLE_SHOW:
        parse_episode_code(code)  # a bad code is reported before the title lookup
    return await with_title(
        ctx,
        args["show"],
        lambda i: format_action("ep", "mk", i, code),
        lambda m: _mark(ctx, m, code),
    )


async def mark_button(ctx: Ctx, action: Action) -> Reply:
    """Mark button carrying an episode or season code."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    return await _mark(ctx, media, action.args[1])


async def next_episodes(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """The next unwatched episode of every show in progress."""
    shows = await ctx.app.episodes.next_up(ctx.profile.id, ctx.profile.timezone)
    if not shows:
        return Reply(
            blocks=(
                (Span(ctx._(N_("No shows in progress. Mark an episode with /ep <show> S01E01."))),),
            )
        )
    blocks: list[Block] = [(bold(ctx._(N_("Up next"))),)]
    rows: list[tuple[Button, ...]] = []
    for state in shows:
        blocks.append(
            (
                bold(state.title),
                Span(f" — {_next_text(ctx, state)} "),
                italic(f"({state.percent}%)"),
            )
        )
        if state.next_episode is not None:
            rows.append(
                (
                    Button(
                        present.short(f"✅ {state.title} {state.next_episode.code}", 40),
                        format_action("ep", "mk", state.media_id, state.next_episode.code),
                    ),
                )
            )
    return Reply(blocks=tuple(blocks), buttons=tuple(rows))


def register(r: Registry) -> None:
    """Register the TV commands."""
    r.command(
        "episodes",
        N_("A show's episode checklist"),
        "/episodes <show> [season]",
        SHOW,
        Param("season", ParamKind.INT, N_("Season number"), required=False, pattern=r"\d{1,3}"),
    )(episodes)
    r.command(
        "ep",
        N_("Mark an episode (S01E03), a season (S01) or a whole show (all) watched"),
        "/ep <show> <S01E03|S01|all>",
        SHOW,
        Param("code", ParamKind.EPISODE, N_("S01E03, S01 or all"), pattern=r"\S+"),
    )(ep)
    r.command("next", N_("The next episode of every show you are watching"), "/next")(next_episodes)
    r.action("ep", "ss")(season_button)
    r.action("ep", "tg")(toggle_button)
    r.action("ep", "mk")(mark_button)
