"""/follow, /unfollow, /friends and /feed: following people and seeing what they watch."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.social import Friend
from core.i18n import N_
from core.views import present, social_text
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, code, italic

FEED_DAYS = 30
FEED_SIZE = 15


def _privacy_hint(ctx: Ctx) -> Block:
    return (
        italic(
            ctx._(
                N_(
                    "Followers see your ratings and watches when your privacy is public, or "
                    "friends and you follow them back (/settings privacy)."
                )
            )
        ),
    )


async def follow(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Follow someone by friend code (or by name among this group's club members)."""
    target = args.get("who", "").strip()
    if not target:
        return await friends(ctx, {})
    friend = await ctx.app.social.follow(ctx.profile, ctx.inv.chat, target)
    text = ctx._(N_("You now follow {name}."), name=friend.name)
    lines: list[Block] = [(Span("👥 "), Span(text))]
    if not friend.shares:
        lines.append(
            (
                italic(
                    ctx._(
                        N_(
                            "Their activity stays private for now: it reaches you when they "
                            "make it public, or friends-only and follow you back."
                        )
                    )
                ),
            )
        )
    return Reply(blocks=tuple(lines), toast=present.short(text, 190))


async def follow_back(ctx: Ctx, action: Action) -> Reply:
    """The Follow back button of a new-follower notice."""
    friend = await ctx.app.social.follow_id(ctx.profile, action.int_arg(0))
    text = ctx._(N_("You now follow {name}."), name=friend.name)
    return Reply(blocks=((Span("👥 "), Span(text)),), toast=present.short(text, 190))


async def unfollow(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Stop following someone (by name or friend code)."""
    target = args.get("who", "").strip()
    if not target:
        return await friends(ctx, {})
    name = await ctx.app.social.unfollow_target(ctx.profile, ctx.inv.chat, target)
    return _unfollowed(ctx, name)


async def unfollow_button(ctx: Ctx, action: Action) -> Reply:
    """The Unfollow button of /friends."""
    return _unfollowed(ctx, await ctx.app.social.unfollow(ctx.profile.id, action.int_arg(0)))


def _unfollowed(ctx: Ctx, name: str) -> Reply:
    text = ctx._(N_("You no longer follow {name}."), name=name)
    return Reply(blocks=((Span(text),),), toast=present.short(text, 190))


def _friend_line(ctx: Ctx, friend: Friend) -> Block:
    notes = []
    if friend.mutual:
        notes.append(ctx._(N_("follows you")))
    if not friend.shares:
        notes.append(ctx._(N_("activity private")))
    suffix = f" ({', '.join(notes)})" if notes else ""
    return (Span("• "), bold(friend.name), italic(suffix))


async def friends(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Your friend code, whom you follow and who follows you."""
    found = await ctx.app.social.friends(ctx.profile.id)
    blocks: list[Block] = [
        (bold(ctx._(N_("Friends"))),),
        (Span(ctx._(N_("Your friend code: "))), code(found.code)),
        (
            Span(
                ctx._(
                    N_("Friends follow you with /follow {code}; in a group, /follow <name>."),
                    code=found.code,
                )
            ),
        ),
    ]
    if found.following:
        blocks.append((bold(ctx._(N_("You follow"))),))
        blocks.extend(_friend_line(ctx, f) for f in found.following)
    else:
        blocks.append((Span(ctx._(N_("You follow no one yet."))),))
    if found.followers:
        blocks.append((bold(ctx._(N_("Following you"))),))
        blocks.extend((Span("• "), Span(f.name)) for f in found.followers)
    blocks.append(_privacy_hint(ctx))
    rows = tuple(
        (
            Button(
                ctx._(N_("Unfollow {name}"), name=present.short(f.name, 30)),
                format_action("fr", "un", f.profile_id),
            ),
        )
        for f in found.following[:10]
    )
    return Reply(blocks=tuple(blocks), buttons=rows)


async def feed(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """What the people you follow rated, watched and listed in the last month."""
    entries = await ctx.app.social.feed(ctx.profile.id, FEED_DAYS, FEED_SIZE)
    if not entries:
        return Reply(
            blocks=(
                (
                    Span(
                        ctx._(
                            N_(
                                "Nothing from your friends this month. Follow people with "
                                "/follow <friend code>; /friends shows yours."
                            )
                        )
                    ),
                ),
            )
        )
    blocks: list[Block] = [(bold(ctx._(N_("Your friends lately"))),)]
    blocks.extend(social_text.feed_block(ctx, e.friend, e.activity, e.media) for e in entries)
    return Reply(
        blocks=tuple(blocks), buttons=social_text.title_buttons(ctx, [e.media for e in entries])
    )


def register(r: Registry) -> None:
    """Register the commands of following people."""
    who = Param("who", ParamKind.TEXT, N_("a friend code or a name"), required=False)
    r.command(
        "follow", N_("Follow a friend (friend code, or a name in a group)"), "/follow <code>", who
    )(follow)
    r.command("unfollow", N_("Stop following someone"), "/unfollow <name>", who)(unfollow)
    r.command("friends", N_("Your friend code and the people you follow"), "/friends")(friends)
    r.command("feed", N_("What the people you follow watched lately"), "/feed")(feed)
    r.action("fr", "un")(unfollow_button)
    r.action("fr", "fb")(follow_back)
