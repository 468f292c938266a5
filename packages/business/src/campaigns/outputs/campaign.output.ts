import type { Campaign } from '@switchboard/db';
import type { Progress } from '../progress/progress';

const iso = (d: Date | null) => d?.toISOString();

/**
 * A campaign as the API shows it. Optional times appear once they happen; `wait_reason` / `wait_until` (a limit the
 * dispatcher is waiting out) only while RUNNING, where they mean something.
 */
export function renderCampaign(c: Campaign, progress: Progress) {
  const waiting = c.status === 'RUNNING' && c.waitReason;
  return {
    id: c.id,
    name: c.name,
    phone_number_id: c.phoneNumberId,
    template: { name: c.templateName, language: { code: c.templateLanguage } },
    audience: c.audience as Record<string, unknown>,
    status: c.status,
    ...(c.status === 'PAUSED' && c.pauseReason && { pause_reason: c.pauseReason }),
    ...(waiting && { wait_reason: c.waitReason }),
    ...(waiting && c.waitUntil && { wait_until: iso(c.waitUntil) }),
    ...(c.scheduledAt && { scheduled_at: iso(c.scheduledAt) }),
    ...(c.startedAt && { started_at: iso(c.startedAt) }),
    ...(c.completedAt && { completed_at: iso(c.completedAt) }),
    ...(c.cancelledAt && { cancelled_at: iso(c.cancelledAt) }),
    created_at: c.createdAt.toISOString(),
    recipients: c.recipientCount,
    progress,
  };
}
