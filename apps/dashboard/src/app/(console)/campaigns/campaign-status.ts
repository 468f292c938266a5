import type { Schemas } from '../../../lib/api/client';

export const STATUS_TONE = {
  RUNNING: 'ok',
  COMPLETED: 'ok',
  PAUSED: 'warn',
  SCHEDULED: 'neutral',
  DRAFT: 'neutral',
  CANCELLED: 'fail',
} as const;

/** Recipients whose outcome is known: sent on (and beyond), failed or skipped. */
export const settled = (p: Schemas['Campaign']['progress']) =>
  p.sent + p.delivered + p.read + p.failed.total + p.skipped.total;

/** Still moving: its page refreshes itself every second. */
export const isLive = (c: Schemas['Campaign']) => c.status === 'RUNNING' || c.status === 'SCHEDULED';

/**
 * Done sending, but statuses still to come: messages on their way (queued, sent) or delivered and not yet read. Its
 * page keeps refreshing, less often, so delivered and read arrive without a reload.
 */
export const isSettling = (c: Schemas['Campaign']) =>
  !isLive(c) && c.progress.queued + c.progress.sent + c.progress.delivered > 0;

/** Pause, resume, cancel and retry are owners' and admins' (the API enforces the same). */
export const canRunCampaigns = (role: Schemas['ConsoleRole']) => role === 'owner' || role === 'admin';
