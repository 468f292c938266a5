// GCRA ("generic cell rate algorithm") in Lua: one key per limited thing holding its theoretical arrival time (TAT,
// epoch ms as a decimal string). A request at `now` is allowed when TAT - τ <= now (τ = burst tolerance); allowing it
// moves TAT to max(TAT, now) + T (T = emission interval). The key expires when TAT passes, i.e. when the bucket is
// full again, so idle keys cost no memory. Time is Redis's own (TIME), so nodes with skewed clocks agree.
//
// Shared prelude: `now_ms()` and `gcra(key, T, tau, n)` → wait (ms, 0 = allowed and booked; > 0 = refused, nothing
// written). `book` forces the booking whatever the wait (reserve never refuses).
export const GCRA_PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function tat_of(key, now)
  local v = redis.call('GET', key)
  local tat = v and tonumber(v) or now
  if tat < now then tat = now end
  return tat
end
local function store(key, tat, now)
  redis.call('SET', key, string.format('%.3f', tat), 'PX', math.max(1, math.ceil(tat - now)))
end
local function gcra(key, now, T, tau)
  local tat = tat_of(key, now)
  local wait = tat - tau - now
  if wait > 0 then return math.max(1, math.ceil(wait)) end
  store(key, tat + T, now)
  return 0
end
`;

/** KEYS[1] throughput key; ARGV: T (ms), n. Books n consecutive slots; returns ms until the first starts. */
export const RESERVE_LUA = `${GCRA_PRELUDE}
local now = now_ms()
local tat = tat_of(KEYS[1], now)
store(KEYS[1], tat + tonumber(ARGV[1]) * tonumber(ARGV[2]), now)
return math.ceil(tat - now)
`;

/**
 * As RESERVE_LUA, also answering when the first slot starts on Redis's clock (epoch ms): the campaign dispatcher
 * stamps its batch with it, so batch times are as evenly spaced as the bookings (a commit's own jitter aside).
 */
export const BOOK_LUA = `${GCRA_PRELUDE}
local now = now_ms()
local tat = tat_of(KEYS[1], now)
store(KEYS[1], tat + tonumber(ARGV[1]) * tonumber(ARGV[2]), now)
return { math.ceil(tat - now), math.floor(tat) }
`;

/** KEYS[1] throughput key; ARGV: T (ms). 0 = one slot taken now, else ms until one would be free. */
export const TRY_LUA = `${GCRA_PRELUDE}
return gcra(KEYS[1], now_ms(), tonumber(ARGV[1]), 0)
`;

/** KEYS: one pair key per consumer; ARGV: T (ms), τ (ms). One wait per key (0 = allowed and counted). */
export const PAIR_MANY_LUA = `${GCRA_PRELUDE}
local now = now_ms()
local T, tau = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = {}
for i, key in ipairs(KEYS) do out[i] = gcra(key, now, T, tau) end
return out
`;
