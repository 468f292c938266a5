import { contractFetch } from '@switchboard/contract';
import type { Receiver } from './receiver';
import type { WebhookStack } from './stack';

export interface Business {
  id: string;
  headers: Record<string, string>;
}

/** Calls the business API through contractFetch (every response checked against openapi.yaml), as Cloud clients do. */
export function businessApi(stack: WebhookStack, biz: Business) {
  const call = <T>(path: string, init: { method?: string; body?: unknown } = {}) =>
    contractFetch<T>(`${stack.api.url}/v23.0${path}`, {
      method: init.method ?? 'GET',
      headers: { ...biz.headers, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  return {
    call,
    /** Subscribes the receiver (handshake included) and returns the subscription id. */
    async subscribe(receiver: Receiver, fields: string[] = ['messages'], options: { batching?: boolean } = {}) {
      const res = await call<{ id: string }>(`/${biz.id}/webhook_subscriptions`, {
        method: 'POST',
        body: {
          callback_url: receiver.url,
          verify_token: receiver.verifyToken,
          app_secret: receiver.appSecret,
          fields,
          ...options,
        },
      });
      if (res.status !== 200) throw new Error(`subscribe failed: ${res.text}`);
      return res.body.id;
    },
  };
}

export interface DeliveryLog {
  event: { id: string; field: string; ordering_key: string | null };
  data: {
    subscription_id: string;
    state: string;
    attempts: number;
    log: {
      time: string;
      status_code: number | null;
      latency_ms: number;
      error: string | null;
      batch_size: number;
      payload: string | null;
      signature: string | null;
    }[];
  }[];
}
