-- The Redis state store's rules, one Lua script each: Redis runs a script atomically, so no other
-- worker's command runs between its reads and writes. Read by store_redis.py (one block per
-- "-- name:" line). Times are the fake's clock, passed in as strings and stored as given (Lua would
-- round them); key TTLs (PX) only collect garbage, expiry is decided against the stored timestamps.

-- name: create_session
-- KEYS: session hash, reference-id counter. ARGV: verification_id, mobile, expires_at, ttl_ms, base.
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], ARGV[5]) end
local reference_id = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'vid', ARGV[1], 'mobile', ARGV[2], 'ref', reference_id, 'exp', ARGV[3],
  'consent', 'PENDING', 'scopes', '')
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return reference_id

-- name: next_reference_id
-- KEYS: reference-id counter. ARGV: base (a random start, as the in-memory store has).
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
return redis.call('INCR', KEYS[1])

-- name: decide
-- KEYS: session hash, auth-code key. ARGV: decision, scopes, session_id+expiry ('' = no code), code_ttl_ms.
-- A consent is recorded once: a second decision (from any worker) finds it no longer PENDING.
if redis.call('HGET', KEYS[1], 'consent') ~= 'PENDING' then return 0 end
redis.call('HSET', KEYS[1], 'consent', ARGV[1], 'scopes', ARGV[2])
if ARGV[3] ~= '' then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
return 1

-- name: hit_window
-- KEYS: window hash. ARGV: limit, window seconds, now, ttl_ms. Returns {admitted 0/1, window start}.
local start = redis.call('HGET', KEYS[1], 'start')
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
if not start or tonumber(ARGV[3]) - tonumber(start) >= tonumber(ARGV[2]) then
  start = ARGV[3]
  count = 0
end
if count >= tonumber(ARGV[1]) then return {0, start} end
redis.call('HSET', KEYS[1], 'start', start, 'count', count + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, start}

-- name: spend_balance
-- KEYS: balance. ARGV: the initial balance (used the first time; reset deletes the key).
-- Never goes below zero: the check and the decrement are one step.
local left = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if left <= 0 then
  redis.call('SET', KEYS[1], 0)
  return 0
end
redis.call('SET', KEYS[1], left - 1)
return 1
