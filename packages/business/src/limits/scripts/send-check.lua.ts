import { GCRA_PRELUDE } from './gcra.lua';
import { UNSOLICITED_FN } from './unsolicited.lua';

/**
 * The send endpoint's three limits in one round trip, all or nothing: KEYS[1] the number's throughput key, KEYS[2]
 * the pair key, and — only for a template to a consumer whose window is closed — KEYS[3] the messaging-limit set and
 * KEYS[4] its marker. ARGV: throughput T, throughput τ, pair T, pair τ, then (with KEYS[3]) limit, window ms, wa_id.
 * Returns {0, 0} when allowed (everything booked), {1, wait} throughput reached, {2, wait} pair rate reached,
 * {3, wait} messaging limit reached — nothing booked then, so a refused send costs no budget — or {-1, 0} when the
 * set must be rebuilt from Postgres first.
 */
export const SEND_CHECK_LUA = `${GCRA_PRELUDE}${UNSOLICITED_FN}
local now = now_ms()
local mpsT, mpsTau, pairT, pairTau = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local mpsTat = tat_of(KEYS[1], now)
local mpsWait = mpsTat - mpsTau - now
if mpsWait > 0 then return {1, math.max(1, math.ceil(mpsWait))} end
local pairTat = tat_of(KEYS[2], now)
local pairWait = pairTat - pairTau - now
if pairWait > 0 then return {2, math.max(1, math.ceil(pairWait))} end
if KEYS[3] then
  if redis.call('EXISTS', KEYS[4]) == 0 then return {-1, 0} end
  local window = tonumber(ARGV[6])
  local wait = unsolicited(KEYS[3], math.floor(now), tonumber(ARGV[5]), window, {ARGV[7]})[1]
  if wait > 0 then return {3, wait} end
  redis.call('PEXPIRE', KEYS[4], window)
end
store(KEYS[2], pairTat + pairT, now)
store(KEYS[1], mpsTat + mpsT, now)
return {0, 0}
`;
