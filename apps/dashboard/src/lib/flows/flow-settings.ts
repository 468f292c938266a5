import type { Schemas } from '../api/client';

type Trigger = Schemas['FlowTrigger'];

/** Owners and admins build and publish flows (the API enforces the same). */
export const canEditFlows = (role: Schemas['ConsoleRole']) => role === 'owner' || role === 'admin';

export function describeTrigger(t: Trigger): string {
  switch (t.type) {
    case 'keyword':
      return `keyword ${(t.keywords ?? []).join(', ')}`;
    case 'regex':
      return `matches /${t.pattern}/`;
    case 'new_contact':
      return 'a new contact';
    case 'campaign':
      return `a reply to campaign ${t.campaign_id}${t.payloads ? ` (${t.payloads.join(', ')})` : ''}`;
    default:
      return 'anything unmatched';
  }
}

/**
 * The triggers as the settings form edits them: one row each, keywords comma-separated; a campaign trigger's `value`
 * is the campaign id and `payloads` its button payloads, comma-separated (empty: any reply).
 */
export interface TriggerRow {
  type: Trigger['type'];
  value: string;
  payloads?: string;
}

const list = (v: string) =>
  v
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

export const toRows = (ts: Trigger[]): TriggerRow[] =>
  ts.map((t) => {
    if (t.type === 'campaign')
      return { type: t.type, value: t.campaign_id ?? '', payloads: (t.payloads ?? []).join(', ') };
    return { type: t.type, value: t.type === 'keyword' ? (t.keywords ?? []).join(', ') : (t.pattern ?? '') };
  });

export const fromRows = (rows: TriggerRow[]): Trigger[] =>
  rows.map((r) => {
    if (r.type === 'keyword') return { type: 'keyword', keywords: list(r.value) };
    if (r.type === 'regex') return { type: 'regex', pattern: r.value };
    if (r.type === 'campaign') {
      const payloads = list(r.payloads ?? '');
      return { type: 'campaign', campaign_id: r.value.trim(), ...(payloads.length && { payloads }) };
    }
    return { type: r.type };
  });
