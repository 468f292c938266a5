import { Injectable } from '@nestjs/common';
import type { MessagingLimitTier } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

/**
 * The businesses the tier review may raise, with their last 7 days: below TIER_UNLIMITED, not changed in the last
 * 6 h, no number rated RED. `contacted` = distinct consumers contacted outside a window (BusinessInitiatedContact with
 * lastAt in the 7 days), `optedOut` = those of them who opted out in the same 7 days. The thresholds (half the limit,
 * under 5 % opted out) are applied by TierReviewService, where the tier limits live.
 */
const TIER_CANDIDATES_SQL = `
WITH since AS (SELECT (now() AT TIME ZONE 'UTC') - interval '7 days' AS at),
contacted AS (
  SELECT i."businessId",
         count(*)::int AS contacted,
         (count(*) FILTER (WHERE c."optStatus" = 'OPTED_OUT' AND c."optedOutAt" >= (SELECT at FROM since)))::int
           AS "optedOut"
  FROM "BusinessInitiatedContact" i
  LEFT JOIN "Contact" c ON c."businessId" = i."businessId" AND c."waId" = i."waId"
  WHERE i."lastAt" >= (SELECT at FROM since)
  GROUP BY i."businessId"
)
SELECT b.id, b."messagingLimitTier" AS tier, x.contacted, x."optedOut"
FROM "Business" b JOIN contacted x ON x."businessId" = b.id
WHERE b."messagingLimitTier" <> 'TIER_UNLIMITED'
  AND (b."tierChangedAt" IS NULL OR b."tierChangedAt" <= (now() AT TIME ZONE 'UTC') - interval '6 hours')
  AND NOT EXISTS (SELECT 1 FROM "BusinessNumber" n WHERE n."businessId" = b.id AND n."qualityRating" = 'RED')`;

/** Raises one business one tier, unless another review (another worker) already did or the 6 h have not passed. */
const RAISE_TIER_SQL = `
UPDATE "Business" SET "messagingLimitTier" = $3::"MessagingLimitTier", "tierChangedAt" = now() AT TIME ZONE 'UTC'
WHERE id = $1 AND "messagingLimitTier" = $2::"MessagingLimitTier"
  AND ("tierChangedAt" IS NULL OR "tierChangedAt" <= (now() AT TIME ZONE 'UTC') - interval '6 hours')`;

/** A business as the review sees it: its tier, and over the last 7 days whom it contacted and who opted out. */
export interface TierCandidate {
  id: string;
  tier: MessagingLimitTier;
  contacted: number;
  optedOut: number;
}

type Tx = Parameters<Parameters<PrismaService['client']['$transaction']>[0]>[0];

@Injectable()
export class TierReviewRepository {
  constructor(private readonly prisma: PrismaService) {}

  candidates(): Promise<TierCandidate[]> {
    return this.prisma.client.$queryRawUnsafe<TierCandidate[]>(TIER_CANDIDATES_SQL);
  }

  /** One tier up, in the caller's transaction; false when the business is no longer at `from` (raised meanwhile). */
  async raise(tx: Tx, businessId: string, from: MessagingLimitTier, to: MessagingLimitTier): Promise<boolean> {
    return (await tx.$executeRawUnsafe(RAISE_TIER_SQL, businessId, from, to)) === 1;
  }
}
