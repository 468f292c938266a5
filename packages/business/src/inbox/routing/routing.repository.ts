import { Injectable } from '@nestjs/common';
import type { Conversation, Prisma } from '@switchboard/db';
import { PrismaService } from '@switchboard/platform';

/** The oldest waiting conversation no other router holds: $1 businessId. */
const QUEUE_HEAD_SQL = `
SELECT "id" FROM "Conversation"
WHERE "businessId" = $1 AND "queuedAt" IS NOT NULL
ORDER BY "queuedAt", "id"
LIMIT 1
FOR UPDATE SKIP LOCKED`;

/**
 * The present agent with room left, least loaded first, then the one assigned longest ago: $1 businessId, $2 the
 * agents online on the console now (Presence). Present: online, or marked available through the API by a desk that
 * keeps its own presence. Locked (SKIP LOCKED) so two routers never fill the same agent's last slot.
 */
const FREE_AGENT_SQL = `
SELECT a."userId", a."capacity" FROM "InboxAgent" a
CROSS JOIN LATERAL (
  SELECT count(*)::int AS n FROM "Conversation" c
  WHERE c."businessId" = a."businessId" AND c."assigneeType" = 'user' AND c."assigneeId" = a."userId"
    AND c."status" IN ('open', 'pending')
) load
WHERE a."businessId" = $1 AND (a."available" OR a."userId" = ANY($2::text[])) AND load.n < a."capacity"
ORDER BY load.n, a."lastAssignedAt" NULLS FIRST, a."userId"
LIMIT 1
FOR UPDATE OF a SKIP LOCKED`;

/**
 * The agent's load read again once the agent is locked: in READ COMMITTED the lock may have waited out another
 * router's commit that FREE_AGENT_SQL's snapshot did not see. $1 businessId, $2 userId.
 */
const LOAD_SQL = `
SELECT count(*)::int AS n FROM "Conversation"
WHERE "businessId" = $1 AND "assigneeType" = 'user' AND "assigneeId" = $2 AND "status" IN ('open', 'pending')`;

const ASSIGN_SQL = `
UPDATE "Conversation" SET "assigneeType" = 'user', "assigneeId" = $2, "queuedAt" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
WHERE "id" = $1
RETURNING *`;

const TOUCH_AGENT_SQL = `UPDATE "InboxAgent" SET "lastAssignedAt" = now() AT TIME ZONE 'UTC' WHERE "businessId" = $1 AND "userId" = $2`;

/** The unassigned queue in Postgres: an agent and a conversation locked together, then the assignment. */
@Injectable()
export class RoutingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Assigns the queue's head to a free agent: `assigned`, `idle` when the queue is empty or no agent is free, `retry`
   * when the agent picked turned out full (another router filled it meanwhile): nothing was changed. `assigned` runs
   * last in the transaction (the live event).
   */
  assignNext(
    businessId: string,
    online: string[],
    assigned: (tx: Prisma.TransactionClient, c: Conversation) => Promise<unknown>,
  ): Promise<'assigned' | 'idle' | 'retry'> {
    return this.prisma.client.$transaction(async (tx) => {
      // The agent first: a router that holds an agent always assigns, so the conversations it skips (SKIP LOCKED)
      // are exactly those other routers are assigning, and the oldest waiting go first. Head first, a router that
      // found no agent free would have passed over an older conversation while a later one was assigned.
      const [agent] = await tx.$queryRawUnsafe<{ userId: string; capacity: number }[]>(
        FREE_AGENT_SQL,
        businessId,
        online,
      );
      if (!agent) return 'idle';
      const [load] = await tx.$queryRawUnsafe<{ n: number }[]>(LOAD_SQL, businessId, agent.userId);
      if (load!.n >= agent.capacity) return 'retry';
      const [head] = await tx.$queryRawUnsafe<{ id: string }[]>(QUEUE_HEAD_SQL, businessId);
      if (!head) return 'idle';
      const [c] = await tx.$queryRawUnsafe<Conversation[]>(ASSIGN_SQL, head.id, agent.userId);
      await tx.$executeRawUnsafe(TOUCH_AGENT_SQL, businessId, agent.userId);
      await assigned(tx, c!);
      return 'assigned';
    });
  }
}
