import type { Contact } from '@switchboard/db';
import { windowClosesAt } from '../service-window';

/** A contact as the contacts endpoints (a Switchboard extension) show it. */
export function renderContact(c: Contact, now = new Date()) {
  const closesAt = windowClosesAt(c.lastInboundAt);
  const closes = closesAt === null ? null : new Date(closesAt);
  return {
    wa_id: c.waId,
    profile_name: c.profileName,
    opt_status: c.optStatus,
    opt_source: c.optSource,
    opted_in_time: c.optedInAt?.toISOString() ?? null,
    opted_out_time: c.optedOutAt?.toISOString() ?? null,
    last_inbound_time: c.lastInboundAt?.toISOString() ?? null,
    /** When the 24-hour customer-service window closes; null when it is closed. */
    window_expires_time: closes && closes > now ? closes.toISOString() : null,
    tags: c.tags,
    attributes: c.attributes as Record<string, unknown>,
    created_time: c.createdAt.toISOString(),
    updated_time: c.updatedAt.toISOString(),
  };
}
