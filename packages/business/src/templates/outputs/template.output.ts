import type { MessageTemplate } from '@switchboard/db';

/** A template as Graph's `GET /{template_id}` and the list show it. `rejection_info` is a Switchboard extension. */
export function renderTemplateObject(t: MessageTemplate) {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameter_format: t.parameterFormat,
    components: t.components as unknown[],
    rejected_reason: t.rejectedReason,
    ...(t.rejectionInfo !== null && { rejection_info: t.rejectionInfo as { reason: string; recommendation: string } }),
  };
}
