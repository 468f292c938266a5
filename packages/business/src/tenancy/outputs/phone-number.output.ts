import type { Business, BusinessNumber } from '@switchboard/db';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** Meta's default per-number throughput: above it a number is on the HIGH level. */
const STANDARD_MPS = 80;

/**
 * A business phone number as Graph's `GET /{phone_number_id}` shows it. The messaging limit is the business's (Meta
 * sets it per portfolio, shared by all its numbers).
 */
export function renderPhoneNumber(
  n: BusinessNumber & { business: Pick<Business, 'messagingLimitTier'> },
  defaultMps: number,
) {
  const mps = n.messagesPerSecond ?? defaultMps;
  return {
    id: n.id,
    display_phone_number: parsePhoneNumberWithError(n.phoneNumber).formatInternational(),
    verified_name: n.verifiedName,
    quality_rating: n.qualityRating,
    messaging_limit_tier: n.business.messagingLimitTier,
    whatsapp_business_manager_messaging_limit: n.business.messagingLimitTier,
    throughput: { level: mps > STANDARD_MPS ? ('HIGH' as const) : ('STANDARD' as const) },
    code_verification_status: 'VERIFIED' as const,
    name_status: 'APPROVED' as const,
    platform_type: 'CLOUD_API' as const,
    status: 'CONNECTED' as const,
  };
}
