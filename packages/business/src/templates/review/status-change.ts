import type { MessageTemplate, TemplateStatus } from '@switchboard/db';

/** Which decisions a template in each status can take (templates/overview, "Template status"). */
export const ALLOWED: Record<TemplateStatus, TemplateStatus[]> = {
  PENDING: ['APPROVED', 'REJECTED'],
  REJECTED: ['APPROVED'], // an appeal granted
  APPROVED: ['PAUSED', 'DISABLED'],
  PAUSED: ['APPROVED', 'DISABLED'], // unpaused, or disabled for good
  DISABLED: [],
};

export interface RejectionInfo {
  reason: string;
  recommendation: string;
}

/**
 * The `message_template_status_update` webhook value (webhooks/reference/message_template_status_update). Ids are
 * integers there, which GraphIds keeps safe for JSON readers.
 */
export function statusUpdateValue(
  t: Pick<MessageTemplate, 'id' | 'name' | 'language' | 'category' | 'rejectedReason'>,
  event: TemplateStatus | 'DELETED',
  extra: { previous?: TemplateStatus; rejectionInfo?: RejectionInfo | null; details?: string; at?: Date } = {},
) {
  const at = extra.at ?? new Date();
  return {
    event,
    message_template_id: Number(t.id),
    message_template_name: t.name,
    message_template_language: t.language,
    reason: event === 'REJECTED' ? t.rejectedReason : 'NONE',
    message_template_category: t.category,
    ...(event === 'REJECTED' && extra.rejectionInfo && { rejection_info: extra.rejectionInfo }),
    ...(event === 'DISABLED' && { disable_info: { disable_date: Math.floor(at.getTime() / 1000) } }),
    ...(event === 'PAUSED' && {
      other_info: {
        title: 'FIRST_PAUSE',
        description: extra.details ?? 'Your WhatsApp message template has been paused.',
      },
    }),
    ...(event === 'APPROVED' &&
      extra.previous === 'PAUSED' && {
        other_info: {
          title: 'UNPAUSE',
          description: extra.details ?? 'Your WhatsApp message template has been unpaused.',
        },
      }),
  };
}
