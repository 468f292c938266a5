import type { Business } from '@switchboard/db';

/** A WABA as Graph's `GET /{waba_id}` shows it (the fields Switchboard has). */
export function renderBusiness(b: Business) {
  return {
    id: b.id,
    name: b.name,
    message_template_namespace: b.templateNamespace,
    account_review_status: 'APPROVED' as const,
    created_time: b.createdAt.toISOString(),
  };
}
