// Status (docs/groups.md "Status"): posts to the account's chosen contacts for 24 hours, sent with sender keys to the
// account's status list (a group only its owner sends to), viewed receipts being the read receipts of those messages.

import type { GroupMessage, GroupMessenger } from '../groups/group-messenger';
import type { SentMessage } from '../messaging/types';
import type { RestClient } from '../rest';

/** How long a post is shown (the server deletes it then, viewed or not). */
export const STATUS_TTL_MS = 24 * 60 * 60 * 1000;

export interface StatusPost {
  /** The poster's account. */
  accountId: string;
  listId: string;
  messageId: bigint;
  text: string;
  serverTimestamp: number;
  /** When it stops being shown (ms since the epoch). */
  expiresAt: number;
}

export interface StatusViewer {
  accountId: string;
  viewedAt: number;
}

/**
 * A device's status beside its GroupMessenger: `setAudience` (who sees this account's posts), `post`, `onPost` (the
 * posts of the contacts whose audience this account is in), `markViewed` and `viewedBy`.
 */
export class Status {
  private readonly owners = new Map<string, string>();
  private readonly notStatus = new Set<string>();
  private readonly listeners: ((p: StatusPost) => void)[] = [];
  private inbound: Promise<void> = Promise.resolve();
  private ownList?: string;

  constructor(
    private readonly groups: GroupMessenger,
    private readonly rest: RestClient,
  ) {
    groups.onMessage((m) => {
      this.inbound = this.inbound.then(() => this.received(m)).catch(() => undefined);
    });
  }

  /** Makes exactly these accounts the audience of this account's posts (from the next post on). */
  async setAudience(accountIds: string[]): Promise<{ listId: string; accountIds: string[] }> {
    const r = await this.rest.call<{ list_id: string; account_ids: string[] }>('PUT', '/v1/status/audience', {
      account_ids: accountIds,
    });
    this.ownList = r.list_id;
    this.groups.setMembers(r.list_id, [this.rest.credentials!.accountId, ...r.account_ids]);
    return { listId: r.list_id, accountIds: r.account_ids };
  }

  async audience(): Promise<{ listId: string | null; accountIds: string[] }> {
    const r = await this.rest.call<{ list_id: string | null; account_ids: string[] }>('GET', '/v1/status/audience');
    if (r.list_id) this.ownList = r.list_id;
    return { listId: r.list_id, accountIds: r.account_ids };
  }

  /**
   * Posts a text to the audience; settles at ✓ like a group send. The audience is read first: it changes without
   * group events (another device of this account may have changed it), and someone taken out rotates the key.
   */
  async post(text: string): Promise<SentMessage> {
    let { listId, accountIds } = await this.audience();
    if (!listId) ({ listId, accountIds } = await this.setAudience([]));
    this.groups.setMembers(listId, [this.rest.credentials!.accountId, ...accountIds]);
    return this.groups.sendText(listId, text);
  }

  /** The posts this device receives from others, once each. Its own posts are not among them. */
  onPost(l: (p: StatusPost) => void): void {
    this.listeners.push(l);
  }

  /** Tells the poster these posts were viewed (read receipts, as WhatsApp's). */
  markViewed(poster: string, messageIds: bigint[]): Promise<void> {
    return this.groups.markRead(poster, messageIds);
  }

  /** Who viewed a post of this account, from the server: any of its devices may ask, until the post expires. */
  async viewedBy(messageId: bigint): Promise<StatusViewer[]> {
    const info = await this.groups.client.messageInfo(await this.listId(), messageId);
    return info.members.flatMap((m) =>
      m.read_at ? [{ accountId: m.account_id, viewedAt: Date.parse(m.read_at) }] : [],
    );
  }

  private async listId(): Promise<string> {
    if (this.ownList) return this.ownList;
    const { listId } = await this.audience();
    if (listId) return listId;
    return (await this.setAudience([])).listId;
  }

  private async received(m: GroupMessage): Promise<void> {
    if (this.notStatus.has(m.groupId)) return;
    let owner = this.owners.get(m.groupId);
    if (!owner) {
      const { lists } = await this.rest.call<{ lists: { list_id: string; account_id: string }[] }>(
        'GET',
        '/v1/status/lists',
      );
      for (const l of lists) this.owners.set(l.list_id, l.account_id);
      owner = this.owners.get(m.groupId);
      // A group's message (or a list this account has been taken out of since): not a post for this device.
      if (!owner) {
        this.notStatus.add(m.groupId);
        return;
      }
    }
    if (m.from.accountId !== owner) return;
    const post: StatusPost = {
      accountId: owner,
      listId: m.groupId,
      messageId: m.messageId,
      text: m.text,
      serverTimestamp: m.serverTimestamp,
      expiresAt: m.serverTimestamp + STATUS_TTL_MS,
    };
    if (post.expiresAt <= Date.now()) return;
    for (const l of this.listeners) l(post);
  }
}
