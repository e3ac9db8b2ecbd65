"""The Redis store's Lua scripts: the query (atomic, one round trip, no leftover keys) and
the bulk increments of a sync batch (one command instead of one per title and key)."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.trending.base import rank

#: KEYS: result, filter, one scratch key per bucket, then each bucket's source keys, then
#: the filter's source keys. ARGV: n, bucket count B, filter key count F, B bucket
#: weights, B source key counts.
#: A bucket's sources (a scope's profiles) are first summed with weight 1, so every
#: per-bucket total is exact (multiples of 0.5) and is weighted once, as the SQL store does.
#: With a filter (a genre, when profiles are given) ZINTERSTORE WEIGHTS 1 0 keeps the
#: score and drops titles outside the genre. Replies the top n with scores, plus every
#: member tied with the n-th (Redis orders ties by member string, we order them by id).
TOP_SCRIPT = """
local n = tonumber(ARGV[1])
local buckets = tonumber(ARGV[2])
local filters = tonumber(ARGV[3])
local result, filter = KEYS[1], KEYS[2]

local function union_into(dest, first, count)
  local done = 0
  while done < count do
    local take = math.min(500, count - done)
    local args = {dest, take}
    if done > 0 then
      args[2] = take + 1
      args[3] = dest
    end
    for i = 0, take - 1 do args[#args + 1] = KEYS[first + done + i] end
    redis.call('ZUNIONSTORE', unpack(args))
    done = done + take
  end
end

local source = 3 + buckets
local weighted = {result, buckets}
for b = 1, buckets do
  local count = tonumber(ARGV[3 + buckets + b])
  if count == 1 then
    weighted[#weighted + 1] = KEYS[source]
  else
    union_into(KEYS[2 + b], source, count)
    weighted[#weighted + 1] = KEYS[2 + b]
  end
  source = source + count
end
weighted[#weighted + 1] = 'WEIGHTS'
for b = 1, buckets do weighted[#weighted + 1] = ARGV[3 + b] end
redis.call('ZUNIONSTORE', unpack(weighted))
if filters > 0 then
  union_into(filter, source, filters)
  redis.call('ZINTERSTORE', result, 2, result, filter, 'WEIGHTS', 1, 0)
end

local top = redis.call('ZREVRANGE', result, 0, n - 1, 'WITHSCORES')
local ties = {}
if #top == 2 * n then
  ties = redis.call('ZRANGEBYSCORE', result, top[#top], top[#top])
end
for k = 1, 2 + buckets do redis.call('DEL', KEYS[k]) end
return {top, ties}
"""


#: KEYS: the sorted sets to add to. ARGV, two per key: its EXPIREAT time, and its
#: increments packed as "member amount member amount ..." (one argument per key rather
#: than two per member: encoding arguments is what a client spends its time on).
APPLY_SCRIPT = """
for k = 1, #KEYS do
  for member, amount in string.gmatch(ARGV[2 * k], '(%S+) (%S+)') do
    redis.call('ZINCRBY', KEYS[k], amount, member)
  end
  redis.call('EXPIREAT', KEYS[k], ARGV[2 * k - 1])
end
return #KEYS
"""


def apply_arguments(
    amounts: dict[str, dict[str, float]], expire_at: dict[str, int]
) -> tuple[list[str], list[str]]:
    """KEYS and ARGV of :data:`APPLY_SCRIPT` for increments per key and member."""
    keys = list(amounts)
    args: list[str] = []
    for key in keys:
        packed = " ".join(f"{member} {amount!r}" for member, amount in amounts[key].items())
        args += [str(expire_at[key]), packed]
    return keys, args


def script_arguments(
    scratch: Sequence[str],
    sources: Sequence[Sequence[str]],
    weights: Sequence[float],
    filters: Sequence[str],
    n: int,
) -> tuple[list[str], list[str]]:
    """KEYS and ARGV of :data:`TOP_SCRIPT`.

    Args:
        scratch: result key, filter key, then one key per bucket (all deleted at the end).
        sources: per bucket (oldest first), the sorted sets holding its events.
        weights: per bucket, its decay weight.
        filters: sorted sets a title must be in (empty: no filter).
        n: how many titles.
    """
    keys = [*scratch, *(key for group in sources for key in group), *filters]
    args = [str(n), str(len(sources)), str(len(filters))]
    args += [repr(float(weight)) for weight in weights]  # repr: shortest exact round trip
    args += [str(len(group)) for group in sources]
    return keys, args


def parse_reply(reply: list[list[bytes]], n: int) -> list[tuple[int, float]]:
    """The script's reply as (media id, score), best first, ties by smaller id."""
    top, ties = reply
    pairs = {int(top[i]): float(top[i + 1]) for i in range(0, len(top), 2)}
    if ties:
        last = float(top[-1])
        pairs = {media: score for media, score in pairs.items() if score > last}
        pairs.update((int(member), last) for member in ties)
    return rank(pairs, n)
