import { ApiError } from '@switchboard/core/errors/api-error';

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Whether `zone` is an IANA time zone this runtime knows (Intl throws RangeError otherwise). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `schedule.at` → the instant. With an offset (`Z`, `+02:00`) the text is absolute. Without one it is a wall-clock
 * time in `zone`: `2031-03-10T09:00` in America/New_York is 13:00Z (EDT began the day before). A wall time that
 * does not exist (the hour skipped when clocks go forward) is read with the offset in force just before it, so it
 * lands an hour later, as calendars do; a repeated hour takes its first occurrence.
 */
export function scheduleInstant(at: string, zone: string): Date {
  const m = ISO.exec(at.trim());
  if (!m) throw ApiError.invalidParameter('schedule.at: expected an ISO 8601 date and time, e.g. 2031-03-10T09:00');
  const [, y, mo, d, h, mi, s = '0', ms = '0', offset] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, +ms.padEnd(3, '0'));
  const check = new Date(wall);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s > 59)
    throw ApiError.invalidParameter(`schedule.at: ${at} is not a valid date and time`);
  if (offset) return new Date(wall - offsetMinutes(offset) * 60_000);
  // The offsets in force a day either side; the earliest instant that reads as `wall` under its own offset wins.
  const offsets = [...new Set([zoneOffsetMs(zone, wall - DAY_MS), zoneOffsetMs(zone, wall + DAY_MS)])];
  for (const o of offsets.sort((a, b) => b - a)) if (zoneOffsetMs(zone, wall - o) === o) return new Date(wall - o);
  return new Date(wall - Math.min(...offsets)); // in a gap: clocks went forward, the earlier (smaller) offset
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** How far `zone`'s wall clock is ahead of UTC at instant `t` (ms). */
function zoneOffsetMs(zone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(t / 1000) * 1000;
}
