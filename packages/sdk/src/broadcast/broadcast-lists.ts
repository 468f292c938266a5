// Broadcast lists (docs/groups.md, "Broadcast lists"): kept on this device only, as WhatsApp keeps them. A broadcast
// is an ordinary 1:1 message to each recipient, so each sees a chat with the sender and replies privately; the
// server knows no list and applies its rules (the new-chat limit among them) to each recipient's message on its own.
import { randomUUID } from 'node:crypto';
import type { Storage } from '../crypto/storage';
import type { Messenger } from '../messaging';
import type { SentMessage } from '../messaging/types';

export interface BroadcastList {
  id: string;
  name: string;
  /** Account ids, each once. */
  recipients: string[];
  createdAt: number;
}

/** One recipient's end of a broadcast: ✓ (`sent`) or why not (SendRefusedError, SendTimeoutError). */
export interface BroadcastOutcome {
  accountId: string;
  sent?: SentMessage;
  error?: Error;
}

const KEY = 'broadcast-list:';
/** WhatsApp's limit per list. */
export const MAX_BROADCAST_RECIPIENTS = 256;
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class BroadcastLists {
  constructor(
    private readonly storage: Storage,
    private readonly messenger: Pick<Messenger, 'sendText' | 'self'>,
  ) {}

  create(name: string, recipients: string[]): BroadcastList {
    const list = { id: randomUUID(), name: this.checkName(name), recipients: this.checkRecipients(recipients) };
    return this.save({ ...list, createdAt: Date.now() });
  }

  /** Every list on this device, oldest first. */
  all(): BroadcastList[] {
    return this.storage
      .keys(KEY)
      .map((k) => JSON.parse(this.storage.get(k)!) as BroadcastList)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  get(id: string): BroadcastList | undefined {
    const raw = this.storage.get(KEY + id);
    return raw === undefined ? undefined : (JSON.parse(raw) as BroadcastList);
  }

  update(id: string, change: { name?: string; recipients?: string[] }): BroadcastList {
    const list = this.require(id);
    return this.save({
      ...list,
      ...(change.name !== undefined && { name: this.checkName(change.name) }),
      ...(change.recipients && { recipients: this.checkRecipients(change.recipients) }),
    });
  }

  remove(id: string): void {
    this.storage.delete(KEY + id);
  }

  /**
   * Sends `text` to every recipient as its own 1:1 message (each through that conversation's send queue, all at
   * once); settles when every one has its outcome. One recipient's refusal does not stop the others.
   */
  async sendText(id: string, text: string, options: { timeoutMs?: number } = {}): Promise<BroadcastOutcome[]> {
    const { recipients } = this.require(id);
    const results = await Promise.allSettled(recipients.map((to) => this.messenger.sendText(to, text, options)));
    return results.map((r, i) =>
      r.status === 'fulfilled'
        ? { accountId: recipients[i]!, sent: r.value }
        : { accountId: recipients[i]!, error: r.reason as Error },
    );
  }

  private require(id: string): BroadcastList {
    const list = this.get(id);
    if (!list) throw new RangeError(`no broadcast list ${id} on this device`);
    return list;
  }

  private save(list: BroadcastList): BroadcastList {
    this.storage.set(KEY + list.id, JSON.stringify(list));
    return list;
  }

  private checkName(name: string): string {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw new RangeError('a broadcast list name has 1-100 characters');
    return trimmed;
  }

  private checkRecipients(recipients: string[]): string[] {
    const unique = [...new Set(recipients.map((r) => r.toLowerCase()))];
    if (!unique.length || unique.length > MAX_BROADCAST_RECIPIENTS)
      throw new RangeError(`a broadcast list has 1-${MAX_BROADCAST_RECIPIENTS} recipients`);
    const bad = unique.find((r) => !ACCOUNT_ID.test(r) || r === this.messenger.self.accountId);
    if (bad) throw new RangeError(`not a recipient for a broadcast list: ${bad}`);
    return unique;
  }
}
