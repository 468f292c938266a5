/**
 * The 24-hour customer-service window: a consumer's message opens it for 24 hours, during which the business may
 * send free-form messages (and utility templates are free). Every place that asks "is the window open" asks here.
 */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;

type When = Date | number;
const ms = (t: When) => (typeof t === 'number' ? t : t.getTime());

/** When the window opened by `lastInboundAt` closes, in epoch ms; null when the consumer never wrote. */
export function windowClosesAt(lastInboundAt: When | null | undefined): number | null {
  return lastInboundAt == null ? null : ms(lastInboundAt) + SERVICE_WINDOW_MS;
}

/** Whether the window is open at `at`: the consumer's last message is less than 24 hours older than it. */
export function windowOpen(lastInboundAt: When | null | undefined, at: When = Date.now()): boolean {
  const closes = windowClosesAt(lastInboundAt);
  return closes !== null && ms(at) < closes;
}
