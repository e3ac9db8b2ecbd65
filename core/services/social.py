"""Following people: follow by friend code (anywhere) or by name (in a club's group chat),
the friends list, friends' activity feed, and the social signals recommendations use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.domain.accounts import Profile
from core.domain.delivery import Notice
from core.domain.errors import Conflict, InvalidInput, NotFound
from core.domain.media import Media
from core.domain.reminders import outside_quiet
from core.domain.social import (
    SIGNAL_DAYS,
    Friend,
    FriendActivity,
    friend_code,
    parse_friend_code,
    shares_activity,
    signal_strength,
)
from core.i18n import N_, Translator
from core.ports import Clock, SocialSignal, UnitOfWork
from core.services.notifications import enqueue
from core.views import social_text
from core.views.reply import ChatRef
from core.views.speech import Voice

MAX_FOLLOWING = 500
SIGNAL_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class Friends:
    """Whom a profile follows, who follows it, and its own friend code."""

    code: str
    following: tuple[Friend, ...]
    followers: tuple[Friend, ...]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One line of the friends' activity feed."""

    friend: str
    activity: FriendActivity
    media: Media


class SocialService:
    """Use cases of following people."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        translator: Translator | None = None,
        locale: str = "en",
        timezone: str = "UTC",
    ) -> None:
        self._uow, self._clock = uow, clock
        self._translator, self._locale, self._timezone = translator, locale, timezone

    @staticmethod
    def code(profile_id: int) -> str:
        """The profile's friend code."""
        return friend_code(profile_id)

    async def follow(self, profile: Profile, chat: ChatRef, target: str) -> Friend:
        """Follow the person behind a friend code, or (in a group chat) a club member's name."""
        async with self._uow() as uow:
            return await self._follow(uow, profile, await self._resolve(uow, chat, target))

    async def follow_id(self, profile: Profile, followee: int) -> Friend:
        """Follow a profile by id (the Follow back button)."""
        async with self._uow() as uow:
            if not await uow.accounts.display_names([followee]):
                raise NotFound(N_("That person is no longer here."))
            return await self._follow(uow, profile, followee)

    async def _follow(self, uow: UnitOfWork, profile: Profile, followee: int) -> Friend:
        if followee == profile.id:
            raise InvalidInput(N_("That is your own friend code: share it with friends."))
        if len(await uow.follows.following(profile.id)) >= MAX_FOLLOWING:
            raise InvalidInput(
                N_("You follow {count} people already, the most I keep."), count=MAX_FOLLOWING
            )
        names = await uow.accounts.display_names([profile.id, followee])
        now = self._clock.now()
        if not await uow.follows.follow(profile.id, followee, now):
            raise Conflict(N_("You already follow {name}."), name=names[followee])
        friend = await self._friend(uow, profile.id, followee, names[followee])
        await self._tell_followee(uow, profile.id, names.get(profile.id, "?"), followee, now)
        await uow.commit()
        return friend

    async def _tell_followee(
        self, uow: UnitOfWork, follower: int, name: str, followee: int, now: datetime
    ) -> None:
        """ "Ana now follows you" (once per pair, ever), with Follow back unless they do."""
        contact = await uow.reminders.contact(followee)
        if self._translator is None or contact is None:
            return
        voice = Voice(self._translator, contact.locale or self._locale)
        follows_back = follower in await uow.follows.following(followee)
        reply = social_text.new_follower(voice, name, follower, follows_back)
        settings = await uow.reminders.settings(followee)
        due = outside_quiet(now, ZoneInfo(contact.zone or self._timezone), settings.quiet)
        key = f"follower:{follower}:{followee}"
        await enqueue(
            uow, [Notice(key, contact.destination, reply, due if due > now else None)], now
        )

    async def _resolve(self, uow: UnitOfWork, chat: ChatRef, target: str) -> int:
        handle = target.strip()
        text = handle.removeprefix("@").strip()
        if not text:
            raise InvalidInput(N_("Give a friend code (see /friends) or a club member's name."))
        if handle.startswith("@"):  # a platform handle: @ana on Telegram, Discord, console
            found = await uow.accounts.by_username(chat.platform, text)
            if found is not None:
                return found
            if not chat.is_group:
                raise NotFound(
                    N_(
                        "I do not know @{handle} yet: they need to say hello to me once. "
                        "A friend code (/friends) works everywhere."
                    ),
                    handle=text,
                )
        profile_id = parse_friend_code(text)
        if profile_id is not None:
            if not await uow.accounts.display_names([profile_id]):
                raise NotFound(N_("No one has the friend code {code}."), code=text.upper())
            return profile_id
        if not chat.is_group:
            raise InvalidInput(
                N_(
                    "“{given}” is not a friend code. "
                    "Ask your friend for theirs (/friends shows it)."
                ),
                given=text,
            )
        club = await uow.clubs.get_or_create(chat, self._clock.now())
        members = [m.profile_id for m in await uow.clubs.members(club.id)]
        names = await uow.accounts.display_names(members)
        matches = [p for p, n in names.items() if n.casefold() == text.casefold()]
        if not matches:
            raise NotFound(
                N_("No club member here is called “{given}”. A friend code works everywhere."),
                given=text,
            )
        if len(matches) > 1:
            raise InvalidInput(
                N_("Several members are called “{given}”: use their friend code."), given=text
            )
        return matches[0]

    async def unfollow(self, profile_id: int, followee_id: int) -> str:
        """Stop following; returns the name of the person unfollowed."""
        async with self._uow() as uow:
            names = await uow.accounts.display_names([followee_id])
            if not await uow.follows.unfollow(profile_id, followee_id):
                raise NotFound(N_("You do not follow that person."))
            await uow.commit()
            return names.get(followee_id, "?")

    async def unfollow_target(self, profile: Profile, chat: ChatRef, target: str) -> str:
        """Stop following the person behind a friend code or a followed person's name."""
        async with self._uow() as uow:
            following = await uow.follows.following(profile.id)
            names = await uow.accounts.display_names(following)
        wanted = target.strip().removeprefix("@").strip()
        code = parse_friend_code(wanted)
        matches = [p for p in following if p == code or names[p].casefold() == wanted.casefold()]
        if not matches:
            raise NotFound(N_("You do not follow anyone called “{given}”."), given=wanted)
        if len(matches) > 1:
            raise InvalidInput(
                N_("You follow several people called “{given}”: use /friends."), given=wanted
            )
        return await self.unfollow(profile.id, matches[0])

    async def friends(self, profile_id: int) -> Friends:
        """Whom the profile follows and who follows it."""
        async with self._uow() as uow:
            following = await uow.follows.following(profile_id)
            followers = await uow.follows.followers(profile_id)
            names = await uow.accounts.display_names([*following, *followers])
            ahead = [await self._friend(uow, profile_id, p, names[p]) for p in following]
            behind = [Friend(p, names[p], shares=False, mutual=p in following) for p in followers]
        return Friends(friend_code(profile_id), tuple(ahead), tuple(behind))

    async def _friend(self, uow: UnitOfWork, profile_id: int, other: int, name: str) -> Friend:
        back = profile_id in await uow.follows.following(other)
        visibility = (await uow.follows.visibilities([other])).get(other)
        return Friend(other, name, shares=shares_activity(visibility, back), mutual=back)

    async def sharing(self, uow: UnitOfWork, profile_id: int) -> list[int]:
        """People the profile follows whose activity reaches it (privacy respected)."""
        following = await uow.follows.following(profile_id)
        visibility = await uow.follows.visibilities(following)
        followers = set(await uow.follows.followers(profile_id))  # who follows back
        return [o for o in following if shares_activity(visibility.get(o), o in followers)]

    async def signals(self, profile_id: int) -> tuple[SocialSignal, ...]:
        """Friends' recent activity as recommendation signals (strongest first)."""
        now = self._clock.now()
        async with self._uow() as uow:
            friends = await self.sharing(uow, profile_id)
            found = await uow.follows.activity(
                friends, now - timedelta(days=SIGNAL_DAYS), SIGNAL_LIMIT
            )
        signals = [SocialSignal(a.media_id, a.profile_id, signal_strength(a, now)) for a in found]
        return tuple(sorted((s for s in signals if s.strength > 0), key=lambda s: -s.strength))

    async def friend_ids(self, profile_id: int) -> list[int]:
        """Followed people whose activity the profile may see (for trending among friends)."""
        async with self._uow() as uow:
            return await self.sharing(uow, profile_id)

    async def friend_ratings(self, profile_id: int, media_id: int) -> list[tuple[str, int]]:
        """(name, rating) of the people one follows who rated a title (and share it),
        highest first."""
        async with self._uow() as uow:
            friends = await self.sharing(uow, profile_id)
            rated = await uow.follows.ratings_of(friends, media_id)
            names = await uow.accounts.display_names(list(rated))
        return sorted(
            ((names.get(p, "?"), v) for p, v in rated.items()), key=lambda r: (-r[1], r[0])
        )

    async def feed(self, profile_id: int, days: int, limit: int) -> list[FeedEntry]:
        """What the people one follows rated, watched and listed lately, newest first."""
        now = self._clock.now()
        async with self._uow() as uow:
            friends = await self.sharing(uow, profile_id)
            found = await uow.follows.activity(friends, now - timedelta(days=days), limit)
            names = await uow.accounts.display_names(friends)
            media = await uow.media.get_many(list({a.media_id for a in found}))
        return [
            FeedEntry(names.get(a.profile_id, "?"), a, media[a.media_id])
            for a in found
            if a.media_id in media
        ]
