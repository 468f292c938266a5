import { createHash } from 'node:crypto';

/**
 * What "the same request" means for an Idempotency-Key: the same scope (a send's phone number id, or the endpoint)
 * and the same JSON body, key order ignored (clients rebuild bodies from maps), so a retry that serializes its fields
 * differently still replays.
 */
export function requestHash(scope: string, body: unknown): Buffer {
  return createHash('sha256').update(scope).update('\n').update(stableJson(body)).digest();
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
