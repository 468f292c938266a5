import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';

/** The oldest waiting conversation no other router holds: $1 businessId. */
const QUEUE_HEAD_SQL = `
SELECT "id" FROM "Conversation"
WHERE "businessId" = $1 AND "queuedAt" IS NOT NULL
ORDER BY "queuedAt", "id"
LIMIT 1
FOR UPDATE SKIP LOCKED`;

/**
 * The available agent with room left, least loaded first, then the one assigned longest ago: $1 businessId. Locked
 * (SKIP LOCKED) so two routers never fill the same agent's last slot.
 */
const FREE_AGENT_SQL = `
SELECT a."userId" FROM "InboxAgent" a
CROSS JOIN LATERAL (
  SELECT count(*)::int AS n FROM "Conversation" c
  WHERE c."businessId" = a."businessId" AND c."assigneeType" = 'user' AND c."assigneeId" = a."userId"
    AND c."status" IN ('open', 'pending')
) load
WHERE a."businessId" = $1 AND a."available" AND load.n < a."capacity"
ORDER BY load.n, a."lastAssignedAt" NULLS FIRST, a."userId"
LIMIT 1
FOR UPDATE OF a SKIP LOCKED`;

const ASSIGN_SQL = `
UPDATE "Conversation" SET "assigneeType" = 'user', "assigneeId" = $2, "queuedAt" = NULL, "updatedAt" = now() AT TIME ZONE 'UTC'
WHERE "id" = $1`;

const TOUCH_AGENT_SQL = `UPDATE "InboxAgent" SET "lastAssignedAt" = now() AT TIME ZONE 'UTC' WHERE "businessId" = $1 AND "userId" = $2`;

/** The unassigned queue in Postgres: a conversation and an agent locked together, then the assignment. */
@Injectable()
export class RoutingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Assigns the queue's head to a free agent; undefined when the queue is empty or no agent is free. */
  assignNext(businessId: string): Promise<{ conversationId: string; userId: string } | undefined> {
    return this.prisma.client.$transaction(async (tx) => {
      const [head] = await tx.$queryRawUnsafe<{ id: string }[]>(QUEUE_HEAD_SQL, businessId);
      if (!head) return undefined;
      const [agent] = await tx.$queryRawUnsafe<{ userId: string }[]>(FREE_AGENT_SQL, businessId);
      if (!agent) return undefined;
      await tx.$executeRawUnsafe(ASSIGN_SQL, head.id, agent.userId);
      await tx.$executeRawUnsafe(TOUCH_AGENT_SQL, businessId, agent.userId);
      return { conversationId: head.id, userId: agent.userId };
    });
  }
}
