/**
 * The Cloud API error codes a retry campaign sends to again: failures that depended on the moment, not on the
 * recipient's choice or on the message itself.
 * - 131000 "Something went wrong": the send pipeline gave up after its backoff (hours of transient errors).
 * - 131016 "Service unavailable".
 * - 130429 throughput, 131048 messaging limit, 131056 pair rate: limits, free again later.
 * - 131049 "not delivered to maintain healthy ecosystem engagement": Meta's advice is to try again later.
 * - 131026 "Message undeliverable": here, a number that had no account; the person may have joined since, and a
 *   template that fails this way gives its messaging-limit place back, so a retry costs the tier nothing.
 * Never retried: 131050 (the user stopped marketing messages), 131047 (window closed), 131053 (media), the 1320xx
 * template and parameter errors (the same input fails the same way), and every SKIPPED reason (invalid number,
 * duplicate, opted out, missing variable, cancelled).
 */
export const RETRYABLE_CODES = ['131000', '131016', '130429', '131048', '131056', '131049', '131026'] as const;
