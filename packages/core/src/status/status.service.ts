import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { GroupErrors } from '../groups/group-errors';
import type { DeviceRef } from '../messaging/mailbox/mailbox.types';
import { StatusRepository } from './status.repository';
import { STATUS_TTL_MS } from './status-rules';

const PURGE_BATCH = 5_000;

/**
 * Status (docs/groups.md "Status"): each account's audience is a status list, a group only its owner sends to and only
 * its owner reads; posts are group messages to it that expire after STATUS_TTL_MS. The list changes without group
 * events, so no member of the audience learns who else is in it.
 */
@Injectable()
export class StatusService {
  private readonly log = new Logger('Status');

  constructor(private readonly repo: StatusRepository) {}

  /** Replaces the owner's audience (one's own id is ignored); answers the list and its audience. */
  async setAudience(owner: DeviceRef, accountIds: string[]): Promise<{ listId: string; accountIds: string[] }> {
    const audience = [...new Set(accountIds)].filter((a) => a !== owner.accountId);
    const listId = await this.repo.transaction(async (c) => {
      const known = await this.repo.existingAccounts(c, audience);
      const unknown = audience.find((a) => !known.has(a));
      if (unknown) throw GroupErrors.unknownAccount(unknown);
      const id = await this.repo.lockOrCreate(c, randomUUID(), owner.accountId);
      await this.repo.setAudience(c, id, owner.accountId, audience);
      return id;
    });
    return { listId, accountIds: audience };
  }

  async audience(owner: DeviceRef): Promise<{ listId: string | null; accountIds: string[] }> {
    return (await this.repo.audience(owner.accountId)) ?? { listId: null, accountIds: [] };
  }

  visibleTo(viewer: DeviceRef) {
    return this.repo.visibleTo(viewer.accountId);
  }

  /**
   * The `statusPurge` loop's pass at time `now`: who viewed a post is kept as long as the post, then deleted with its
   * receipts. The posts themselves carry `expiresAt`, so the `mailboxExpiry` loop removes them.
   */
  async purge(now: number): Promise<number> {
    let gone = 0;
    for (;;) {
      const n = await this.repo.purgeInfo(now - STATUS_TTL_MS, PURGE_BATCH);
      gone += n;
      if (n < PURGE_BATCH) break;
    }
    if (gone) this.log.log(`removed the viewed-by info of ${gone} status posts`);
    return gone;
  }
}
