/**
 * The WhatsApp Business Account webhook fields Meta documents (webhooks/overview). Subscriptions pick from these and
 * emit() refuses anything else, so a typo in a feature fails its own tests instead of silently reaching nobody.
 * `flow_runs` is Switchboard's own: chatbot flow runs started, completed, failed and handed off (docs/flows.md).
 */
export const WEBHOOK_FIELDS = [
  'account_alerts',
  'account_review_update',
  'account_update',
  'automatic_events',
  'business_capability_update',
  'flow_runs',
  'history',
  'message_template_components_update',
  'message_template_quality_update',
  'message_template_status_update',
  'messages',
  'partner_solutions',
  'payment_configuration_update',
  'phone_number_name_update',
  'phone_number_quality_update',
  'security',
  'smb_app_state_sync',
  'smb_message_echoes',
  'template_category_update',
  'user_preferences',
] as const;

export type WebhookField = (typeof WEBHOOK_FIELDS)[number];

const known = new Set<string>(WEBHOOK_FIELDS);
export const isWebhookField = (value: string): value is WebhookField => known.has(value);

/** The `object` of every WhatsApp Business Account webhook. */
export const WEBHOOK_OBJECT = 'whatsapp_business_account';

/**
 * WebhookEvent.value once BUSINESS_CONTENT_RETENTION_DAYS emptied it: an empty object, which no real change value is.
 * Such an event is never sent again (replay refuses it) and its POSTs' bodies can no longer be rebuilt.
 */
export const EMPTIED_EVENT_VALUE = '{}';
