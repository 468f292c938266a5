import type { PushProviderKind, PushTarget } from '@switchboard/core/push/push.repository';

/**
 * How a provider's answer ends a wake-up: `sent` (accepted by the push service), `gone` (the registration is dead:
 * expired, unsubscribed, unknown token — it is removed), `refused` (a request retrying cannot fix: logged). Failures
 * worth retrying (no connection, 429, 5xx) throw.
 */
export type PushOutcome = 'sent' | 'gone' | 'refused';

/** One push service. A wake-up carries no content and no sender: it only tells the app to connect. */
export interface PushProvider {
  readonly kind: PushProviderKind;
  wake(target: PushTarget): Promise<PushOutcome>;
  /** Ends long-lived connections (APNs' HTTP/2 session) at shutdown. */
  close?(): void;
}

/** 404/410 mean the subscription or token is dead for Web Push, FCM and APNs alike. */
export function outcomeOf(status: number): PushOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 404 || status === 410) return 'gone';
  if (status === 429 || status >= 500) throw new Error(`push service answered ${status}`);
  return 'refused';
}
