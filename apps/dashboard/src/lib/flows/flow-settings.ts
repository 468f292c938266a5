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
    default:
      return 'anything unmatched';
  }
}

/** The triggers as the settings form edits them: one row each, keywords comma-separated. */
export interface TriggerRow {
  type: Trigger['type'];
  value: string;
}

export const toRows = (ts: Trigger[]): TriggerRow[] =>
  ts.map((t) => ({ type: t.type, value: t.type === 'keyword' ? (t.keywords ?? []).join(', ') : (t.pattern ?? '') }));

export const fromRows = (rows: TriggerRow[]): Trigger[] =>
  rows.map((r) => {
    if (r.type === 'keyword')
      return {
        type: 'keyword',
        keywords: r.value
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      };
    if (r.type === 'regex') return { type: 'regex', pattern: r.value };
    return { type: r.type };
  });
