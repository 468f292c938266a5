/**
 * The one table of Cloud API error codes that are transient: failures that depended on the moment, not on the
 * recipient's choice or on the message itself, so the same send may succeed later. A retry campaign sends to these
 * again (campaigns/retry), and a flow step refused with one is taken again shortly instead of leaving on its `error`
 * branch (workers/src/flows).
 * - 131000 "Something went wrong": the send pipeline gave up after its backoff (hours of transient errors).
 * - 131016 "Service unavailable".
 * - 130429 throughput, 131048 messaging limit, 131056 pair rate: limits, free again later.
 * - 131049 "not delivered to maintain healthy ecosystem engagement": Meta's advice is to try again later.
 * - 131026 "Message undeliverable": here, a number that had no account; the person may have joined since, and a
 *   template that fails this way gives its messaging-limit place back, so a retry costs the tier nothing.
 * Never transient: 131050 (the user stopped marketing messages), 131047 (window closed), 131053 (media), the 1320xx
 * template and parameter errors (the same input fails the same way).
 */
export const TRANSIENT_CODES = ['131000', '131016', '130429', '131048', '131056', '131049', '131026'] as const;

export const isTransient = (code: number | string | undefined): boolean =>
  code !== undefined && (TRANSIENT_CODES as readonly string[]).includes(String(code));
