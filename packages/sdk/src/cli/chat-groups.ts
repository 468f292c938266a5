// The chat app's groups: create one from numbers (through the directory), list them, open one, send and receive,
// and each sent message's ticks (✓ stored by the server, ✓✓ delivered to all, ✓✓ read by all members).
import type { Address } from '../crypto/device-crypto';
import type { GroupEvent, GroupMessage, GroupMessenger } from '../groups/group-messenger';
import type { IncomingReceipt } from '../messaging';
import type { Profiles } from '../profiles/profiles';

type Shown = 'sent' | 'delivered to all' | 'read by all';

export class ChatGroups {
  private open: { id: string; subject: string } | undefined;
  private readonly subjects = new Map<string, string>(); // group id → subject
  private readonly sent = new Map<bigint, { text: string; shown: Shown }>();
  private readonly unread = new Map<string, GroupMessage[]>();

  constructor(
    private readonly self: Address,
    private readonly groups: GroupMessenger,
    private readonly profiles: Profiles,
    /** Account id → number, shared with the 1:1 side (who wrote is shown by number where it is known). */
    private readonly numbers: Map<string, string>,
    private readonly print: (line: string) => void,
  ) {
    groups.onMessage((m) => void this.received(m).catch((err: Error) => print(`error: ${err.message}`)));
    groups.onEvent((e) => this.event(e));
  }

  get isOpen(): boolean {
    return this.open !== undefined;
  }

  close(): void {
    this.open = undefined;
  }

  /** `/newgroup <name> <number> [<number> …]`: the numbers go through the directory; the name is the rest. */
  async create(args: string[]): Promise<void> {
    const numbers = args.filter((a) => /^\+[1-9]\d{6,14}$/.test(a));
    const subject = args.filter((a) => !numbers.includes(a)).join(' ');
    if (!subject || !numbers.length) return this.print('usage: /newgroup <name> <number> [<number> …]');
    const found = await this.profiles.lookup(numbers);
    const missing = numbers.filter((n) => !found.has(n));
    if (missing.length) return this.print(`not on Switchboard: ${missing.join(' ')}`);
    for (const [number, accountId] of found) this.numbers.set(accountId, number);
    const group = await this.groups.client.create({ subject, members: [...found.values()] });
    this.subjects.set(group.id, group.subject);
    this.print(`group "${group.subject}" created with ${numbers.join(', ')} (/group ${group.subject} to open it)`);
  }

  async list(): Promise<void> {
    const { groups } = await this.groups.client.list();
    if (!groups.length) return this.print('no groups yet: /newgroup <name> <number> [<number> …]');
    for (const g of groups) {
      this.subjects.set(g.id, g.subject);
      this.print(`group "${g.subject}" · ${g.role} · ${g.id}`);
    }
  }

  /** `/group <name or id>`: opens it and shows (and marks read) what came while it was closed. */
  async enter(nameOrId: string): Promise<boolean> {
    if (!nameOrId) {
      this.print('usage: /group <name or id> (/groups lists them)');
      return false;
    }
    const { groups } = await this.groups.client.list();
    const group = groups.find((g) => g.id === nameOrId) ?? groups.find((g) => g.subject === nameOrId);
    if (!group) {
      this.print(`no group "${nameOrId}" (/groups lists them)`);
      return false;
    }
    this.subjects.set(group.id, group.subject);
    this.open = { id: group.id, subject: group.subject };
    this.print(`chatting in group "${group.subject}"`);
    const waiting = this.unread.get(group.id) ?? [];
    this.unread.delete(group.id);
    for (const m of waiting) await this.show(m);
    return true;
  }

  async send(text: string): Promise<void> {
    if (!this.open) return;
    const { id: groupId, subject } = this.open;
    this.print(`→ "${subject}": ${text}`);
    try {
      const sent = await this.groups.sendText(groupId, text);
      this.sent.set(sent.id, { text, shown: 'sent' });
      this.print(`✓ sent: ${text}`);
      this.ticks(sent.id); // receipts can overtake the ✓: the server answers once the members' devices have acked
    } catch (err) {
      this.print(`✗ not sent (${(err as Error).message}): ${text}`);
    }
  }

  /** True when the receipt is about one of this device's group messages (GroupMessenger has applied it already). */
  receipt(r: IncomingReceipt): boolean {
    const ours = r.messageIds.filter((id) => this.groups.messageInfo(id));
    for (const id of ours) this.ticks(id);
    return ours.length > 0;
  }

  private ticks(id: bigint): void {
    const message = this.sent.get(id);
    const info = this.groups.messageInfo(id);
    if (!message || !info) return;
    const now: Shown = info.readByAll ? 'read by all' : info.deliveredToAll ? 'delivered to all' : 'sent';
    const order: Shown[] = ['sent', 'delivered to all', 'read by all'];
    for (const step of order.slice(order.indexOf(message.shown) + 1, order.indexOf(now) + 1))
      this.print(`✓✓ ${step}: ${message.text}`);
    message.shown = now;
  }

  private async received(m: GroupMessage): Promise<void> {
    if (m.senderNumber && !this.numbers.has(m.from.accountId)) this.numbers.set(m.from.accountId, m.senderNumber);
    if (this.open?.id === m.groupId) return this.show(m);
    const list = this.unread.get(m.groupId) ?? [];
    list.push(m);
    this.unread.set(m.groupId, list);
    const subject = await this.subject(m.groupId);
    this.print(`new message in "${subject}" from ${this.name(m.from.accountId)} (/group ${subject} to read it)`);
  }

  private async show(m: GroupMessage): Promise<void> {
    this.print(`← "${this.open?.subject}" ${this.name(m.from.accountId)}: ${m.text}`);
    await this.groups.markRead(m.from.accountId, [m.messageId]);
  }

  private event(e: GroupEvent): void {
    if (e.type !== 'created' || e.actorAccountId === this.self.accountId) return;
    const subject = String(e.data.subject);
    this.subjects.set(e.groupId, subject);
    this.print(`you are in the new group "${subject}" (/group ${subject} to open it)`);
  }

  private async subject(groupId: string): Promise<string> {
    const known = this.subjects.get(groupId);
    if (known) return known;
    const { subject } = await this.groups.client.get(groupId);
    this.subjects.set(groupId, subject);
    return subject;
  }

  private name(accountId: string): string {
    return this.numbers.get(accountId) ?? accountId;
  }
}
