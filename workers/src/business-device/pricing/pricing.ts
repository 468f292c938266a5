import { createHash } from 'node:crypto';
import { SERVICE_WINDOW_MS, windowOpen } from '@switchboard/business/contacts/service-window';
import { unixSeconds } from '../webhook-values';

export interface PricingFacts {
  type: string;
  /** MARKETING, UTILITY or AUTHENTICATION for a template; null otherwise. */
  templateCategory: string | null;
  sentAt: Date | null;
  lastInboundAt: Date | null;
}

export type PricingCategory = 'marketing' | 'utility' | 'authentication' | 'service';

export interface Pricing {
  billable: boolean;
  pricing_model: 'PMP';
  type: 'regular' | 'free_customer_service';
  category: PricingCategory;
}

export interface Conversation {
  id: string;
  expiration_timestamp?: string;
  origin: { type: PricingCategory };
}

/**
 * Meta's per-message pricing (PMP): a template is billed in its category (as rendered at send time); a free-form
 * reply is a free `service` message, and so is a utility template sent inside the customer-service window. The
 * conversation is the 24 h the message belongs to: the customer-service window (opened by the consumer's last
 * message) for free messages, 24 h from sending for a billed template. Its id is derived from the number, the
 * consumer, the category and the conversation's start, so the sent and delivered statuses carry the same one.
 */
export function pricingOf(
  facts: PricingFacts,
  phoneNumberId: string,
  waId: string,
): { pricing: Pricing; conversation: Conversation } {
  const sentAt = facts.sentAt ?? new Date();
  const inWindow = windowOpen(facts.lastInboundAt, sentAt);
  const category: PricingCategory =
    facts.type === 'template' ? ((facts.templateCategory?.toLowerCase() ?? 'marketing') as PricingCategory) : 'service';
  const free = category === 'service' || (category === 'utility' && inWindow);
  const start = free && facts.lastInboundAt ? facts.lastInboundAt : sentAt;
  const id = createHash('sha256')
    .update(`${phoneNumberId}:${waId}:${category}:${start.getTime()}`)
    .digest('hex')
    .slice(0, 32);
  return {
    pricing: { billable: !free, pricing_model: 'PMP', type: free ? 'free_customer_service' : 'regular', category },
    conversation: {
      id,
      expiration_timestamp: unixSeconds(start.getTime() + SERVICE_WINDOW_MS),
      origin: { type: category },
    },
  };
}
