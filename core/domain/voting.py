"""Counting club polls: approval voting and ranked choice (instant runoff).

Options are numbered 1..n in the order the poll shows them (the club watchlist's order, so the
earliest suggestion comes first). A ballot is a tuple of option numbers: in order of preference
for ranked choice, the approved options for approval voting.

Ties are broken deterministically, and the rule that decided is recorded so it can be explained.
When several options tie for elimination in a ranked-choice round, the loser is, in turn:

1. ``EARLIER_ROUND``: the one with fewer votes in the latest earlier round where they differed;
2. ``PREFERENCES``: the one with fewer points when every preference on every ballot is counted
   (an option ranked k-th of n earns n - k + 1 points; unranked options earn nothing);
3. ``POLL_ORDER``: the one listed later in the poll (the more recent suggestion).

A tie between the last two options is settled by the same rules (the loser is eliminated, the
other wins). Approval ties go straight to ``POLL_ORDER`` (the option listed first wins).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from core.domain.errors import InvalidInput
from core.i18n import N_

Ballot = tuple[int, ...]


class Method(enum.StrEnum):
    """How a poll is counted."""

    RANKED = "ranked"
    APPROVAL = "approval"


class TieRule(enum.StrEnum):
    """Which rule settled a tie (see the module docstring)."""

    EARLIER_ROUND = "earlier_round"
    PREFERENCES = "preferences"
    POLL_ORDER = "poll_order"


@dataclass(frozen=True, slots=True)
class TieBreak:
    """A tie and how it was settled: ``loser`` left the count (``scores`` by the deciding rule)."""

    tied: tuple[int, ...]
    rule: TieRule
    loser: int
    scores: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Round:
    """One counting round: votes per remaining option, who left, and the tie-break if any."""

    counts: tuple[tuple[int, int], ...]
    eliminated: int | None = None
    tie: TieBreak | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a poll: the winner (None without ballots) and how it was reached."""

    method: Method
    winner: int | None
    rounds: tuple[Round, ...]
    ballots: int

    @property
    def tie_breaks(self) -> tuple[TieBreak, ...]:
        """Every tie settled on the way."""
        return tuple(r.tie for r in self.rounds if r.tie is not None)


def parse_ballot(text: str, options: int, method: Method) -> Ballot:
    """``"2 1 3"`` -> ``(2, 1, 3)``; InvalidInput for numbers out of range, repeats or junk."""
    words = text.replace(",", " ").replace(">", " ").split()
    if not words:
        raise InvalidInput(N_("Give the numbers of the options you vote for, e.g. /vote 2 1 3."))
    ballot: list[int] = []
    for word in words:
        if not word.isdigit() or not 1 <= int(word) <= options:
            raise InvalidInput(
                N_("“{given}” is not an option; the options are numbered 1 to {count}."),
                given=word,
                count=options,
            )
        if int(word) in ballot:
            raise InvalidInput(N_("Option {number} appears twice in your vote."), number=word)
        ballot.append(int(word))
    return tuple(ballot) if method is Method.RANKED else tuple(sorted(ballot))


def count(method: Method, options: int, ballots: Sequence[Ballot]) -> Outcome:
    """Count ``ballots`` over options 1..``options`` with ``method``."""
    if method is Method.APPROVAL:
        return approval(options, ballots)
    return instant_runoff(options, ballots)


def approval(options: int, ballots: Sequence[Ballot]) -> Outcome:
    """Most approvals wins; a tie goes to the option listed first."""
    tally = {o: sum(1 for b in ballots if o in b) for o in range(1, options + 1)}
    counts = tuple(tally.items())
    if not ballots or options == 0:
        return Outcome(Method.APPROVAL, None, (Round(counts),), len(ballots))
    best = max(tally.values())
    tied = tuple(o for o, v in tally.items() if v == best)
    tie = None
    if len(tied) > 1:
        tie = TieBreak(tied, TieRule.POLL_ORDER, tied[-1])
    return Outcome(Method.APPROVAL, tied[0], (Round(counts, tie=tie),), len(ballots))


def instant_runoff(options: int, ballots: Sequence[Ballot]) -> Outcome:
    """Instant runoff: drop the weakest option until one holds a majority of live ballots."""
    remaining = list(range(1, options + 1))
    rounds: list[Round] = []
    if not ballots or not remaining:
        return Outcome(Method.RANKED, None, (), len(ballots))
    while True:
        tally = _first_choices(remaining, ballots)
        counts = tuple((o, tally[o]) for o in remaining)
        live = sum(tally.values())
        leader = max(remaining, key=lambda o: (tally[o], -o))
        if len(remaining) == 1 or (live and tally[leader] * 2 > live):
            rounds.append(Round(counts))
            return Outcome(Method.RANKED, leader, tuple(rounds), len(ballots))
        low = min(tally[o] for o in remaining)
        tied = tuple(o for o in remaining if tally[o] == low)
        tie = _break_tie(tied, rounds, options, ballots) if len(tied) > 1 else None
        loser = tie.loser if tie is not None else tied[0]
        rounds.append(Round(counts, loser, tie))
        remaining.remove(loser)
        if len(remaining) == 1:  # a tie between the last two: the other one wins
            return Outcome(Method.RANKED, remaining[0], tuple(rounds), len(ballots))


def _first_choices(remaining: Sequence[int], ballots: Sequence[Ballot]) -> dict[int, int]:
    tally = dict.fromkeys(remaining, 0)
    for ballot in ballots:
        top = next((o for o in ballot if o in tally), None)
        if top is not None:
            tally[top] += 1
    return tally


def _break_tie(
    tied: tuple[int, ...], rounds: Sequence[Round], options: int, ballots: Sequence[Ballot]
) -> TieBreak:
    weakest = tied
    for earlier in reversed(rounds):
        votes = dict(earlier.counts)
        low = min(votes[o] for o in weakest)
        if any(votes[o] != low for o in weakest):
            scores = tuple((o, votes[o]) for o in weakest)
            weakest = tuple(o for o in weakest if votes[o] == low)
            if len(weakest) == 1:
                return TieBreak(tied, TieRule.EARLIER_ROUND, weakest[0], scores)
    points = {o: preference_points(o, options, ballots) for o in weakest}
    low = min(points.values())
    losers = tuple(o for o in weakest if points[o] == low)
    scores = tuple(points.items())
    if len(losers) == 1:
        return TieBreak(tied, TieRule.PREFERENCES, losers[0], scores)
    return TieBreak(tied, TieRule.POLL_ORDER, max(losers), scores)


def preference_points(option: int, options: int, ballots: Sequence[Ballot]) -> int:
    """Points from every preference: ranked k-th of ``options`` earns options - k + 1."""
    total = 0
    for ballot in ballots:
        if option in ballot:
            total += options - ballot.index(option)
    return total
