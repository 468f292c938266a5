import { WEBHOOK_OBJECT } from '../fields';

/** One change as stored in the outbox: the field and its value, already Meta-escaped JSON text. */
export interface StoredChange {
  field: string;
  value: string;
}

const HEAD = `{"object":"${WEBHOOK_OBJECT}","entry":[{"id":`;

/**
 * The POST body for changes of one WhatsApp Business Account, in order, as Meta batches them: one entry holding the
 * changes, each `{"value":…,"field":…}` (Meta's key order). Built by concatenation: values are stored pre-serialised,
 * and the WABA id and field names are ASCII identifiers, so the whole body stays in Meta's escaped form.
 */
export function envelope(wabaId: string, changes: readonly StoredChange[]): string {
  let body = `${HEAD}${JSON.stringify(wabaId)},"changes":[`;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    body += `${i ? ',' : ''}{"value":${c.value},"field":${JSON.stringify(c.field)}}`;
  }
  return `${body}]}]}`;
}

/** Bytes a change adds to an envelope (its separator included): what batching counts against the 3 MB limit. */
export const changeBytes = (c: StoredChange): number => c.value.length + c.field.length + 22;

/** The envelope's fixed part for a WABA id. */
export const envelopeOverhead = (wabaId: string): number => HEAD.length + wabaId.length + 18;

/**
 * Splits changes, in order, into POST-sized groups: at most `maxEvents` changes and `maxBytes` bytes each (a single
 * change larger than maxBytes still goes out alone: emit() refuses values that large, so it cannot happen in practice).
 */
export function splitBatches<T extends StoredChange>(
  wabaId: string,
  changes: readonly T[],
  maxEvents: number,
  maxBytes: number,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = envelopeOverhead(wabaId);
  for (const c of changes) {
    const add = changeBytes(c);
    if (current.length && (current.length >= maxEvents || size + add > maxBytes)) {
      groups.push(current);
      current = [];
      size = envelopeOverhead(wabaId);
    }
    current.push(c);
    size += add;
  }
  if (current.length) groups.push(current);
  return groups;
}
