"""Counting club polls: instant runoff with explained tie-breaks, approval, ballot parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.errors import InvalidInput
from core.domain.voting import (
    Method,
    Round,
    TieBreak,
    TieRule,
    approval,
    count,
    instant_runoff,
    parse_ballot,
)


def test_a_majority_of_first_choices_wins_in_round_one() -> None:
    outcome = instant_runoff(3, [(1, 2), (1, 3), (2, 1)])
    assert outcome.winner == 1
    assert outcome.rounds == (Round(((1, 2), (2, 1), (3, 0))),)


def test_transfers_decide_when_nobody_has_a_majority() -> None:
    # 3 is eliminated; its ballot goes to 2, which then beats 1 three to two
    ballots = [(1,), (1,), (2,), (2,), (3, 2)]
    outcome = instant_runoff(3, ballots)
    assert outcome.winner == 2
    assert [r.eliminated for r in outcome.rounds] == [3, None]
    assert outcome.rounds[-1].counts == ((1, 2), (2, 3))


def test_the_documented_final_tie_goes_to_the_stronger_earlier_round() -> None:
    """The acceptance scenario: 4 voters, a tie for last, then a 2-2 final."""
    ballots = [(1, 2, 3), (1, 3, 2), (2, 1, 3), (3, 2, 1)]
    outcome = instant_runoff(3, ballots)
    first, final = outcome.rounds
    assert first.counts == ((1, 2), (2, 1), (3, 1))
    # 2 and 3 tie with one vote each; 3 has fewer preference points (2+1+3+2=8 vs 1+2+1+3=7)
    assert first.tie == TieBreak((2, 3), TieRule.PREFERENCES, 3, ((2, 8), (3, 7)))
    assert final.counts == ((1, 2), (2, 2))
    # 1 and 2 tie 2-2; in round 1, 1 had two votes and 2 only one: 2 is eliminated
    assert final.tie == TieBreak((1, 2), TieRule.EARLIER_ROUND, 2, ((1, 2), (2, 1)))
    assert final.eliminated == 2
    assert outcome.winner == 1


def test_a_perfect_tie_falls_back_to_poll_order() -> None:
    outcome = instant_runoff(2, [(1, 2), (2, 1)])
    assert outcome.winner == 1
    assert outcome.rounds[0].tie == TieBreak((1, 2), TieRule.POLL_ORDER, 2, ((1, 3), (2, 3)))


def test_options_nobody_ranked_go_first_one_at_a_time() -> None:
    outcome = instant_runoff(4, [(1,), (2,), (1,)])
    assert outcome.winner == 1
    assert outcome.rounds[0].eliminated is None
    assert len(outcome.rounds) == 1


def test_no_ballots_no_winner() -> None:
    assert instant_runoff(3, []).winner is None
    assert approval(3, []).winner is None


def test_approval_counts_every_approved_option_and_ties_go_to_poll_order() -> None:
    outcome = approval(3, [(1, 2), (2, 3), (1, 3)])
    assert outcome.rounds[0].counts == ((1, 2), (2, 2), (3, 2))
    assert outcome.winner == 1
    assert outcome.tie_breaks == (TieBreak((1, 2, 3), TieRule.POLL_ORDER, 3),)
    assert count(Method.APPROVAL, 3, [(3,), (2, 3)]).winner == 3


@pytest.mark.parametrize(
    ("text", "method", "expected"),
    [
        ("2 1 3", Method.RANKED, (2, 1, 3)),
        ("3>1", Method.RANKED, (3, 1)),
        ("3, 1", Method.APPROVAL, (1, 3)),
    ],
)
def test_ballots_parse(text: str, method: Method, expected: tuple[int, ...]) -> None:
    assert parse_ballot(text, 3, method) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give the numbers"),
        ("4", "“4” is not an option; the options are numbered 1 to 3."),
        ("0", "“0” is not an option"),
        ("two", "“two” is not an option"),
        ("1 1", "Option 1 appears twice"),
    ],
)
def test_bad_ballots_are_explained(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_ballot(text, 3, Method.RANKED)
    assert message in str(error.value)


ballots_strategy = st.lists(
    st.permutations([1, 2, 3, 4]).flatmap(lambda p: st.integers(1, 4).map(lambda n: tuple(p[:n]))),
    min_size=1,
    max_size=12,
)


@given(ballots_strategy)
def test_ranked_choice_is_deterministic_and_order_independent(
    ballots: list[tuple[int, ...]],
) -> None:
    outcome = instant_runoff(4, ballots)
    assert outcome.winner in (1, 2, 3, 4)
    assert instant_runoff(4, list(reversed(ballots))) == outcome
    eliminated = [r.eliminated for r in outcome.rounds if r.eliminated is not None]
    assert outcome.winner not in eliminated and len(set(eliminated)) == len(eliminated)


@given(ballots_strategy)
def test_a_majority_first_choice_always_wins(ballots: list[tuple[int, ...]]) -> None:
    firsts = [b[0] for b in ballots]
    top = max(set(firsts), key=firsts.count)
    if firsts.count(top) * 2 > len(ballots):
        assert instant_runoff(4, ballots).winner == top


@given(ballots_strategy)
def test_the_approval_winner_has_the_most_approvals(ballots: list[tuple[int, ...]]) -> None:
    outcome = approval(4, ballots)
    tally = dict(outcome.rounds[0].counts)
    assert outcome.winner is not None and tally[outcome.winner] == max(tally.values())
