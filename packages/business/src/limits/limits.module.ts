import { Module } from '@nestjs/common';
import { MessagingLimit } from './messaging-limit/messaging-limit';
import { LimitsRedis } from './scripts/limits-redis';
import { SendCheck } from './send-check';
import { SendLimits } from './send-limits';
import { LimitSettings } from './tiers/limit-settings';

/**
 * The sending limits (docs/campaigns.md, "Limits"): SendLimits for the campaign dispatcher (wait), SendCheck for the
 * send endpoint (refuse), MessagingLimit for the send pipeline (gives back what an undeliverable number took). Needs
 * only InfraModule (Redis, Prisma, config), so the API and the workers both import it.
 */
@Module({
  providers: [LimitsRedis, LimitSettings, MessagingLimit, SendLimits, SendCheck],
  exports: [SendLimits, SendCheck, MessagingLimit],
})
export class LimitsModule {}
