import type { CampaignStatus } from '@switchboard/db';

interface Move {
  readonly from: readonly CampaignStatus[];
  readonly to: readonly CampaignStatus[];
}

/**
 * Every way a campaign's status changes, and from where. Each change is a conditional update on these `from`
 * statuses, so of two concurrent changes (a call and the sweeper, say) exactly one wins. COMPLETED and CANCELLED are
 * final. A campaign is created straight as SCHEDULED or RUNNING; DRAFT is never shown.
 */
export const CAMPAIGN_MOVES = {
  /** Its scheduled time has come (the sweeper). */
  start: { from: ['SCHEDULED'], to: ['RUNNING'] },
  /** By the business: pause_reason `user`. */
  pause: { from: ['RUNNING', 'SCHEDULED'], to: ['PAUSED'] },
  /** By the business: back to SCHEDULED while its time is still ahead, else RUNNING. */
  resume: { from: ['PAUSED'], to: ['SCHEDULED', 'RUNNING'] },
  /** By the business; the recipients not sent yet are skipped. */
  cancel: { from: ['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED'], to: ['CANCELLED'] },
  /** Its template is no longer sendable (the dispatcher or the sweeper): pause_reason `template_<status>`. */
  templatePause: { from: ['RUNNING'], to: ['PAUSED'] },
  /** Its template is APPROVED again after a template pause (the sweeper). */
  templateResume: { from: ['PAUSED'], to: ['RUNNING'] },
  /** Every recipient dispatched (the dispatcher). */
  complete: { from: ['RUNNING'], to: ['COMPLETED'] },
} as const satisfies Record<string, Move>;

export type CampaignMove = keyof typeof CAMPAIGN_MOVES;

export function canMoveCampaign(move: CampaignMove, from: CampaignStatus, to: CampaignStatus): boolean {
  const m: Move = CAMPAIGN_MOVES[move];
  return m.from.includes(from) && m.to.includes(to);
}

/** The statuses a move starts from, for a conditional update (`status IN …`). */
export function movableFrom(move: CampaignMove): CampaignStatus[] {
  return [...CAMPAIGN_MOVES[move].from];
}

/** The same as SQL: `'RUNNING', 'SCHEDULED'`, for `"status" IN (…)` in a statement. */
export function movableFromSql(move: CampaignMove): string {
  return movableFrom(move)
    .map((s) => `'${s}'`)
    .join(', ');
}

/** "RUNNING or SCHEDULED": what a refused move tells the caller it needed. */
export function movableFromText(move: CampaignMove): string {
  const from = movableFrom(move);
  return from.length === 1 ? from[0]! : `${from.slice(0, -1).join(', ')} or ${from.at(-1)}`;
}
