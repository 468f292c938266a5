import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, PrismaService } from '@switchboard/platform';
import { LOCK_SQL, PEERS_SQL, RECORD_SQL, STARTED_TODAY_SQL } from './chat-starts.sql';
import { KnownPeers } from './known-peers';

const DAY_MS = 24 * 3600_000;

export type NewChatVerdict = { ok: true } | { ok: false; limit: number; retryAfterMs: number };

/**
 * Consumers' unsolicited-contact limit: an account may start at most CONSUMER_NEW_CHATS_PER_DAY chats per rolling
 * 24 h with accounts that never messaged it (a ChatStart row each, the first time A sends to B when B never started a
 * chat with A). Business numbers' accounts are exempt both ways: the business limits govern them. An established
 * chat costs one Redis call (KnownPeers); Postgres is asked once per new pair, never per message.
 */
@Injectable()
export class NewChatLimit {
  /** Concurrent sends of one new pair (a burst of messages to someone new) share one Postgres resolution. */
  private readonly resolving = new Map<string, Promise<NewChatVerdict>>();

  constructor(
    private readonly known: KnownPeers,
    private readonly prisma: PrismaService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Checks (and records) the chats a send from `accountId` to `peers` (other accounts) would start. */
  async check(accountId: string, peers: string[]): Promise<NewChatVerdict> {
    return this.decide(accountId, await this.unknownPeers(accountId, peers));
  }

  /** Step 1, Redis only and without effect: the peers not yet known to be fine (run alongside the device lookup). */
  unknownPeers(accountId: string, peers: string[]): Promise<string[]> {
    return peers.length ? this.known.unknown(accountId, peers) : Promise.resolve([]);
  }

  /**
   * Whether `accountId` and `peer` have a chat already — one of them started it, or either is a business number's
   * account — so that something from one to the other starts nothing. Records nothing: for what may only follow a
   * chat (read receipts), never start one.
   */
  async established(accountId: string, peer: string): Promise<boolean> {
    if (!(await this.unknownPeers(accountId, [peer])).length) return true;
    if (await this.known.markedNoChat(accountId, peer)) return false;
    const [row] = await this.prisma.client.$queryRawUnsafe<
      { senderExempt: boolean; business: boolean; known: boolean }[]
    >(PEERS_SQL, accountId, [peer]);
    if (!row || !(row.senderExempt || row.business || row.known)) {
      await this.known.markNoChat(accountId, peer);
      return false;
    }
    await this.known.remember(accountId, [peer], row.senderExempt);
    return true;
  }

  /** Step 2: Postgres decides for those, records the chats they start, and Redis remembers what was allowed. */
  decide(accountId: string, unknown: string[]): Promise<NewChatVerdict> {
    if (!unknown.length) return Promise.resolve({ ok: true });
    const key = `${accountId}>${unknown.sort().join(',')}`;
    let pending = this.resolving.get(key);
    if (!pending) {
      pending = this.resolve(accountId, unknown).finally(() => this.resolving.delete(key));
      this.resolving.set(key, pending);
    }
    return pending;
  }

  private async resolve(accountId: string, unknown: string[]): Promise<NewChatVerdict> {
    const rows = await this.prisma.client.$queryRawUnsafe<
      { peer: string; senderExempt: boolean; business: boolean; known: boolean }[]
    >(PEERS_SQL, accountId, unknown);
    const exempt = rows[0]?.senderExempt ?? false;
    const fresh = exempt ? [] : rows.filter((r) => !r.business && !r.known).map((r) => r.peer);
    if (fresh.length) {
      const verdict = await this.start(accountId, fresh);
      if (!verdict.ok) return verdict;
    }
    await this.known.remember(accountId, unknown, exempt);
    return { ok: true };
  }

  /** Records the new chats if they all fit in the 24 h budget, else none. */
  private start(accountId: string, fresh: string[]): Promise<NewChatVerdict> {
    const limit = this.config.limits.consumerNewChatsPerDay;
    return this.prisma.client.$transaction(async (tx) => {
      // execute, not query: the lock function returns void, which Prisma cannot read.
      await tx.$executeRawUnsafe(LOCK_SQL, accountId);
      const [today] = await tx.$queryRawUnsafe<{ n: number; oldestMs: number | null }[]>(
        STARTED_TODAY_SQL,
        accountId,
        fresh,
      );
      if (today!.n + fresh.length > limit)
        return { ok: false, limit, retryAfterMs: Math.max(0, (today!.oldestMs ?? Date.now()) + DAY_MS - Date.now()) };
      await tx.$executeRawUnsafe(RECORD_SQL, accountId, fresh);
      return { ok: true } as const;
    });
  }
}
