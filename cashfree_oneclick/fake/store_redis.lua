-- The Redis state store's rules, one Lua script each: Redis runs a script atomically, so no other
-- worker's command runs between its reads and writes. Read by store_redis.py (one block per
-- "-- name:" line). Times are the fake's clock, passed in as strings and stored as given (Lua would
-- round them); key TTLs (PX) only collect garbage, expiry is decided against the stored timestamps.

-- Caps arrive as ARGV numbers, -1 meaning unbounded; a script answers -1 when a cap refuses.

-- name: create_session
-- KEYS: session hash, reference-id counter, live-sessions zset (capped tenants only).
-- ARGV: verification_id, mobile, expires_at, ttl_ms, base, cap, now, horizon, session_id.
local cap = tonumber(ARGV[6])
if cap >= 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[7])
  if redis.call('ZCARD', KEYS[3]) >= cap then return -1 end
  redis.call('ZADD', KEYS[3], ARGV[8], ARGV[9])
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
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

-- name: claim_capped
-- KEYS: the claim, the tenant's claim counter. ARGV: cap. 1 claimed, 0 already claimed, -1 capped.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[1], '1')
redis.call('INCR', KEYS[2])
return 1

-- name: add_faults
-- KEYS: the operation's queue, counts by operation (hash), total pending. ARGV: operation, entry,
-- times, cap. The total is what every request reads with the clock: 0 means no take to ask for.
local times = tonumber(ARGV[3])
local cap = tonumber(ARGV[4])
if cap >= 0 and tonumber(redis.call('GET', KEYS[3]) or '0') + times > cap then return -1 end
for _ = 1, times do redis.call('RPUSH', KEYS[1], ARGV[2]) end
redis.call('HINCRBY', KEYS[2], ARGV[1], times)
redis.call('INCRBY', KEYS[3], times)
return 1

-- name: take_fault
-- KEYS: as add_faults. ARGV: operation. The next entry of the queue, spent; nil when none.
local entry = redis.call('LPOP', KEYS[1])
if not entry then return false end
redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
redis.call('DECRBY', KEYS[3], 1)
return entry

-- name: clear_faults
-- KEYS: counts by operation (hash), total pending. ARGV: the tenant's key prefix. The queues are named
-- from the counts (the fake's store is one standalone Redis, so a key named here is in reach).
for _, operation in ipairs(redis.call('HKEYS', KEYS[1])) do
  redis.call('DEL', ARGV[1] .. 'faults:' .. operation)
end
redis.call('DEL', KEYS[1], KEYS[2])
return 1

-- name: choose_persona
-- KEYS: personas by mobile (hash), the persona of every other number. ARGV: name, mobile ('' = every
-- other number), cap on numbers with a persona of their own.
if ARGV[2] == '' then
  redis.call('SET', KEYS[2], ARGV[1])
  return 1
end
local cap = tonumber(ARGV[3])
if cap >= 0 and redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 and redis.call('HLEN', KEYS[1]) >= cap then
  return -1
end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
return 1

-- name: register_tenant
-- KEYS: tenants by last use (zset), the tenant's record (hash), its app client, its general client,
-- its key digest, its epoch. ARGV: max tenants, now, tenant id, app id, app secret, general id,
-- general secret, key digest, epoch.
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return -1 end
redis.call('HSET', KEYS[2], 'app_id', ARGV[4], 'app_secret', ARGV[5], 'general_id', ARGV[6],
  'general_secret', ARGV[7], 'key_digest', ARGV[8])
redis.call('SET', KEYS[3], ARGV[3])
redis.call('SET', KEYS[4], ARGV[3])
redis.call('SET', KEYS[5], ARGV[3])
redis.call('SET', KEYS[6], ARGV[9])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1

-- name: deregister_tenant
-- KEYS: tenants by last use (zset), the tenant's record (hash), its epoch. ARGV: tenant id, the
-- registry's key prefix. Its credentials, key and epoch go in one step: from then on every worker
-- refuses them; the tenant's other keys are deleted after (store_redis.py).
local record = redis.call('HGETALL', KEYS[2])
if #record == 0 then return 0 end
local fields = {}
for i = 1, #record, 2 do fields[record[i]] = record[i + 1] end
redis.call('DEL', ARGV[2] .. 'client:' .. fields['app_id'], ARGV[2] .. 'client:' .. fields['general_id'],
  ARGV[2] .. 'key:' .. fields['key_digest'], KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[1], ARGV[1])
return 1
