// The messaging limit's sorted set, per business: member = wa_id, score = epoch ms of the latest business-initiated
// contact; the window is the rolling 24 h before Redis's TIME. Its `loaded` marker says the set holds what Postgres
// (BusinessInitiatedContact) holds: without it (a flush, a restart, 24 h idle) the set is rebuilt before any check.

/**
 * `unsolicited(set, now, limit, window, waIds)` → one wait per wa_id: 0 = allowed (added, or already in the set: its
 * score moves to now and it costs nothing), > 0 = ms until budget frees up for it (not added). The k-th refusal waits
 * for the k-th oldest member to leave the window.
 */
export const UNSOLICITED_FN = `
local function unsolicited(set, now, limit, window, waIds)
  redis.call('ZREMRANGEBYSCORE', set, '-inf', now - window)
  local count = redis.call('ZCARD', set)
  local out, refused = {}, {}
  for i, wa in ipairs(waIds) do
    if redis.call('ZSCORE', set, wa) then
      redis.call('ZADD', set, now, wa)
      out[i] = 0
    elseif count < limit then
      redis.call('ZADD', set, now, wa)
      count = count + 1
      out[i] = 0
    else
      refused[#refused + 1] = i
    end
  end
  if #refused > 0 then
    local oldest = redis.call('ZRANGE', set, 0, #refused - 1, 'WITHSCORES')
    for k, idx in ipairs(refused) do
      local score = tonumber(oldest[2 * k]) or now
      out[idx] = math.max(1, math.ceil(score + window - now))
    end
  end
  redis.call('PEXPIRE', set, window)
  return out
end
`;

/**
 * KEYS[1] the set, KEYS[2] its marker; ARGV: limit, window ms, then the wa_ids. {-1} when the marker is missing
 * (rebuild first), else `unsolicited`'s answer. A check refreshes the marker with the set, so both expire together.
 */
export const UNSOLICITED_LUA = `${UNSOLICITED_FN}
if redis.call('EXISTS', KEYS[2]) == 0 then return {-1} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
local waIds = {}
for i = 3, #ARGV do waIds[i - 2] = ARGV[i] end
local out = unsolicited(KEYS[1], now, tonumber(ARGV[1]), window, waIds)
redis.call('PEXPIRE', KEYS[2], window)
return out
`;

/**
 * The rebuild's last step. KEYS[1] the set, KEYS[2] the marker; ARGV: window ms, then score/member pairs (the
 * Postgres rows of the last 24 h). GT keeps the later score where a member is already there; the marker goes last.
 */
export const LOAD_LUA = `
for i = 2, #ARGV, 2000 do
  redis.call('ZADD', KEYS[1], 'GT', unpack(ARGV, i, math.min(i + 1999, #ARGV)))
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return 1
`;
