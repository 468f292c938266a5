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

/** Pause, resume, cancel and retry are owners' and admins' (the API enforces the same). */
export const canRunCampaigns = (role: Schemas['ConsoleRole']) => role === 'owner' || role === 'admin';
