"""Club replies shared by commands and scheduled messages: polls, results, reminders, ratings."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.domain.clubs import Club, ClubPoll, Night
from core.domain.voting import Ballot, Method, Outcome, Round, TieBreak, TieRule
from core.i18n import N_
from core.views.actions import format_action
from core.views.reply import Block, Button, Poll, PollOption, Reply, Span, bold, italic
from core.views.speech import Speaker

METHOD_NAMES = {Method.RANKED: N_("ranked choice"), Method.APPROVAL: N_("approval")}
RULES = {
    TieRule.EARLIER_ROUND: N_("it had fewer votes in an earlier round ({scores})"),
    TieRule.PREFERENCES: N_("it had fewer points counting every preference ({scores})"),
    TieRule.POLL_ORDER: N_("it is listed later in the poll (the more recent suggestion)"),
}


def when(moment: datetime, zone: str) -> str:
    """``2026-11-28 20:00 (Europe/Paris)``."""
    return f"{moment.astimezone(ZoneInfo(zone)).strftime('%Y-%m-%d %H:%M')} ({zone})"


def poll_reply(t: Speaker, poll: ClubPoll, zone: str) -> Reply:
    """An open poll: numbered options, how to vote, buttons (a native poll for approval)."""
    method = t._(METHOD_NAMES[poll.method])
    blocks: list[Block] = [
        (bold(t._(N_("📊 Poll: what do we watch next? ({method})"), method=method)),)
    ]
    blocks.extend((Span(f"{o.number}. {o.label}"),) for o in poll.options)
    if poll.method is Method.RANKED:
        how = N_(
            "Rank them with /vote, favourite first (e.g. /vote 2 1 3), "
            "or press the buttons in order of preference."
        )
        verb = "rk"
    else:
        how = N_("Vote for every title you would watch: /vote 1 3, or press the buttons.")
        verb = "ap"
    blocks.append((italic(t._(how)),))
    blocks.append((italic(t._(N_("Closes {when}."), when=when(poll.closes_at, zone))),))
    options = tuple(
        PollOption(o.label, format_action("cp", verb, poll.id, o.number)) for o in poll.options
    )
    control = (
        Button(t._(N_("My vote")), format_action("cp", "me", poll.id)),
        Button(t._(N_("Clear my vote")), format_action("cp", "clr", poll.id)),
    )
    if poll.method is Method.APPROVAL:
        # a native poll's answers come back as "cp:ans:<poll>:<numbers>" (Poll.poll_id + numbers)
        native = Poll(
            t._(N_("What do we watch next?")), options, True, format_action("cp", "ans", poll.id)
        )
        return Reply(blocks=tuple(blocks), poll=native, buttons=(control,))
    rows = tuple(
        tuple(Button(f"{o.label[:40]}", o.action) for o in options[i : i + 2])
        for i in range(0, len(options), 2)
    )
    return Reply(blocks=tuple(blocks), buttons=(*rows, control))


def ballot_text(t: Speaker, poll: ClubPoll, ballot: Ballot) -> str:
    """``Your ranking: 1. Heat, 2. Alien`` / ``You approve: Heat, Alien`` / no vote."""
    if not ballot:
        return t._(N_("You have not voted in this poll."))
    labels = [poll.option(n).label for n in ballot]
    if poll.method is Method.RANKED:
        ranked = ", ".join(f"{i}. {label}" for i, label in enumerate(labels, start=1))
        return t._(N_("Your ranking: {ranking}."), ranking=ranked)
    return t._(N_("You approve: {titles}."), titles=", ".join(labels))


def _counts(poll: ClubPoll, round_: Round) -> str:
    return " · ".join(f"{poll.option(o).label} {c}" for o, c in round_.counts)


def tie_text(t: Speaker, poll: ClubPoll, tie: TieBreak) -> str:
    """One settled tie in words."""
    names = ", ".join(poll.option(o).label for o in tie.tied)
    scores = ", ".join(f"{poll.option(o).label} {s}" for o, s in tie.scores)
    why = t._(RULES[tie.rule], scores=scores)
    return t._(
        N_("Tie between {names}: {loser} is out because {why}."),
        names=names,
        loser=poll.option(tie.loser).label,
        why=why,
    )


def explanation(t: Speaker, poll: ClubPoll, outcome: Outcome) -> list[Block]:
    """Round by round: the counts, who went out and why."""
    lines: list[Block] = []
    for number, round_ in enumerate(outcome.rounds, start=1):
        text = t._(N_("Round {n}: {counts}."), n=number, counts=_counts(poll, round_))
        if round_.tie is not None:
            text += " " + tie_text(t, poll, round_.tie)
        elif round_.eliminated is not None:
            text += " " + t._(N_("{title} is out."), title=poll.option(round_.eliminated).label)
        lines.append((Span(text),))
    return lines


def poll_closed(t: Speaker, poll: ClubPoll, outcome: Outcome, night: Night | None) -> Reply:
    """The announcement when a poll closes: the winner, the tally and the tie-breaks."""
    method = t._(METHOD_NAMES[poll.method])
    if outcome.winner is None:
        return Reply(blocks=((bold(t._(N_("The poll closed without votes."))),),))
    winner = poll.option(outcome.winner).label
    votes = t.n_("{count} vote", "{count} votes", outcome.ballots)
    blocks: list[Block] = [
        (bold(t._(N_("🏆 {title} wins the poll!"), title=winner)), Span(f" ({method}, {votes})"))
    ]
    blocks.extend(explanation(t, poll, outcome))
    after = t._(N_("It is now on the club's Watching list."))
    if night is not None:
        after += " " + t._(N_("Movie night: {when}."), when=when(night.starts_at, night.timezone))
    else:
        after += " " + t._(N_("Plan the night with /night YYYY-MM-DD HH:MM."))
    blocks.append((italic(after),))
    return Reply(blocks=tuple(blocks))


def night_reminder(t: Speaker, club: Club, night: Night, now: datetime) -> Reply:
    """A member's reminder before a movie night."""
    minutes = max(1, round((night.starts_at - now).total_seconds() / 60))
    soon = (
        t.n_("in {count} minute", "in {count} minutes", minutes)
        if minutes < 120
        else t.n_("in {count} hour", "in {count} hours", round(minutes / 60))
    )
    film = night.title or t._(N_("the film is not chosen yet"))
    return Reply(
        blocks=(
            (bold(t._(N_("🍿 Movie night with {club} {soon}!"), club=club.name, soon=soon)),),
            (
                Span(
                    t._(
                        N_("{when}: {film}."), when=when(night.starts_at, night.timezone), film=film
                    )
                ),
            ),
            (italic(t._(N_("Turn these reminders off with /club in the group."))),),
        )
    )


def rating_request(t: Speaker, night: Night) -> Reply:
    """After the night: 1-10 buttons for the club's rating."""
    title = night.title or "?"
    rows = tuple(
        tuple(Button(str(v), format_action("cr", "n", night.id, v)) for v in range(lo, lo + 5))
        for lo in (1, 6)
    )
    return Reply(
        blocks=((bold(t._(N_("How was {title}? Rate it for the club:"), title=title)),),),
        buttons=rows,
    )


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    """A counted result as stored on the poll."""

    def tie(t: TieBreak | None) -> dict[str, Any] | None:
        if t is None:
            return None
        return {"tied": list(t.tied), "rule": t.rule.value, "loser": t.loser, "scores": t.scores}

    return {
        "method": outcome.method.value,
        "winner": outcome.winner,
        "ballots": outcome.ballots,
        "rounds": [
            {"counts": r.counts, "eliminated": r.eliminated, "tie": tie(r.tie)}
            for r in outcome.rounds
        ],
    }
