// What the chat app shows and does, apart from the terminal: contacts by number, the open chat, each sent message's
// ticks (✓ stored by the server, ✓✓ delivered, ✓✓ read), incoming messages (marked read when their chat is open),
// typing both ways; groups through ChatGroups. Every line it prints goes through `print`, so a test can read the output as the person would.
import type { Address } from '../crypto/device-crypto';
import type { Expiring } from '../ephemeral/ephemeral';
import type { GroupMessenger } from '../groups/group-messenger';
import type { IncomingMessage, IncomingReceipt, Messenger } from '../messaging';
import type { Presence, TypingUpdate } from '../presence';
import type { Profiles } from '../profiles/profiles';
import { ChatGroups } from './chat-groups';

const TYPING_IDLE_MS = 3_000;

export class ChatSession {
  private readonly numbers = new Map<string, string>(); // account id → number
  private peer: { accountId: string; number: string } | undefined;
  private readonly sent = new Map<bigint, { text: string; shown: 'sent' | 'delivered' | 'read' }>();
  private readonly unread = new Map<string, IncomingMessage[]>();
  private typingUntil = 0;
  private typingTimer: NodeJS.Timeout | undefined;
  private readonly groups: ChatGroups;

  constructor(
    private readonly self: Address,
    private readonly messenger: Messenger,
    private readonly presence: Presence,
    private readonly profiles: Profiles,
    groupMessenger: GroupMessenger,
    private readonly print: (line: string) => void,
  ) {
    this.groups = new ChatGroups(self, groupMessenger, profiles, this.numbers, print);
    messenger.onMessage((m) => this.received(m));
    messenger.onReceipt((r) => this.receipt(r));
    presence.onTyping((t) => this.typing(t));
    messenger.onExpired((e) => this.expired(e));
  }

  /** One line the person entered: a command or a message for the open chat. */
  async line(input: string): Promise<'quit' | undefined> {
    const text = input.trim();
    if (!text) return undefined;
    const [command, ...args] = text.split(/\s+/);
    if (command === '/quit') return 'quit';
    if (command === '/help')
      this.print(
        'commands: /to <number> (open a chat) · /timer <seconds> (disappearing, 0: off) · ' +
          '/newgroup <name> <number> [<number> …] · /groups · /group <name or id> (open one) · /quit · ' +
          'anything else is sent',
      );
    else if (command === '/to') await this.open(args[0] ?? '');
    else if (command === '/newgroup') await this.groups.create(args);
    else if (command === '/groups') await this.groups.list();
    else if (command === '/group') await this.openGroup(args.join(' '));
    else if (command === '/timer') await this.setTimer(args[0] ?? '');
    else await this.send(text);
    return undefined;
  }

  /** A key was pressed in the open chat: the peer sees "typing" until a pause or the message. */
  keypress(): void {
    if (!this.peer) return;
    const now = Date.now();
    if (now >= this.typingUntil - TYPING_IDLE_MS + 1_000) this.presence.setTyping(this.peer.accountId, 'typing');
    this.typingUntil = now + TYPING_IDLE_MS;
    clearTimeout(this.typingTimer);
    const to = this.peer.accountId;
    this.typingTimer = setTimeout(() => this.stopTyping(to), TYPING_IDLE_MS);
  }

  private stopTyping(to: string): void {
    clearTimeout(this.typingTimer);
    if (this.typingUntil === 0) return;
    this.typingUntil = 0;
    this.presence.setTyping(to, 'stopped');
  }

  private async open(number: string): Promise<void> {
    if (!/^\+[1-9]\d{6,14}$/.test(number)) return this.print('usage: /to <number in E.164, e.g. +447700900123>');
    const accountId = (await this.profiles.lookup([number])).get(number);
    if (!accountId) return this.print(`${number} is not on Switchboard`);
    this.numbers.set(accountId, number);
    this.groups.close();
    this.peer = { accountId, number };
    this.presence.watch([accountId]);
    this.print(`chatting with ${number}`);
    const waiting = this.unread.get(accountId) ?? [];
    this.unread.delete(accountId);
    for (const m of waiting) this.print(`← ${number}: ${m.text}`);
    if (waiting.length)
      await this.messenger.markRead(
        accountId,
        waiting.map((m) => m.messageId),
      );
  }

  private async openGroup(nameOrId: string): Promise<void> {
    if (!(await this.groups.enter(nameOrId))) return;
    if (this.peer) this.stopTyping(this.peer.accountId);
    this.peer = undefined;
  }

  private async send(text: string): Promise<void> {
    if (this.groups.isOpen) return this.groups.send(text);
    if (!this.peer) return this.print('open a chat first: /to <number>');
    const { accountId, number } = this.peer;
    this.stopTyping(accountId);
    this.print(`→ ${number}: ${text}`);
    try {
      const sent = await this.messenger.sendText(accountId, text);
      this.print(`✓ sent: ${text}`);
      // A receipt can overtake the ✓ (the peer was quicker than the answer): show it now that the text is known.
      const overtaken = this.sent.get(sent.id)?.shown;
      this.sent.set(sent.id, { text, shown: overtaken ?? 'sent' });
      if (overtaken) this.print(`✓✓ ${overtaken}: ${text}`);
    } catch (err) {
      this.print(`✗ not sent (${(err as Error).message}): ${text}`);
    }
  }

  private async setTimer(value: string): Promise<void> {
    if (this.groups.isOpen) return this.print('disappearing messages are for 1:1 chats; groups have no timer yet');
    if (!this.peer) return this.print('open a chat first: /to <number>');
    if (!/^\d{1,8}$/.test(value)) return this.print('usage: /timer <seconds> (0 turns disappearing messages off)');
    await this.messenger.setDisappearingTimer(this.peer.accountId, Number(value));
    this.print(`${timerText(Number(value))} in the chat with ${this.peer.number}`);
  }

  private expired(e: Expiring): void {
    const text = e.from === this.self.accountId ? this.sent.get(e.messageId)?.text : undefined;
    this.sent.delete(e.messageId);
    this.print(text ? `disappeared: ${text}` : `a message from ${this.name(e.from)} disappeared`);
  }

  private async received(m: IncomingMessage): Promise<void> {
    if (m.timerChange !== undefined) {
      if (m.senderNumber && !this.numbers.has(m.from.accountId)) this.numbers.set(m.from.accountId, m.senderNumber);
      const chat = m.to ?? m.from.accountId;
      return this.print(
        `${timerText(m.timerChange)} in the chat with ${this.name(chat)} (set by ${this.name(m.from.accountId)})`,
      );
    }
    if (m.from.accountId === this.self.accountId) {
      const to = m.to ? (this.numbers.get(m.to) ?? m.to) : '?';
      return this.print(`→ ${to} (from your other device): ${m.text}`);
    }
    if (m.senderNumber && !this.numbers.has(m.from.accountId)) this.numbers.set(m.from.accountId, m.senderNumber);
    if (this.peer?.accountId === m.from.accountId) {
      this.print(`← ${this.peer.number}: ${m.text}`);
      await this.messenger.markRead(m.from.accountId, [m.messageId]);
      return;
    }
    const list = this.unread.get(m.from.accountId) ?? [];
    list.push(m);
    this.unread.set(m.from.accountId, list);
    this.print(`new message from ${this.name(m.from.accountId)} (/to ${this.name(m.from.accountId)} to read it)`);
  }

  private receipt(r: IncomingReceipt): void {
    if (r.from.accountId === this.self.accountId) return; // this account's other device read something
    if (this.groups.receipt(r)) return;
    for (const id of r.messageIds) {
      const message = this.sent.get(id) ?? { text: '', shown: 'sent' as const };
      if (message.shown === 'read' || (message.shown === 'delivered' && r.kind === 'delivered')) continue;
      this.sent.set(id, { ...message, shown: r.kind });
      if (message.text) this.print(`✓✓ ${r.kind}: ${message.text}`);
    }
  }

  private typing(t: TypingUpdate): void {
    const who = this.name(t.from.accountId);
    this.print(t.state === 'stopped' ? `${who} stopped typing` : `${who} is ${t.state}…`);
  }

  private name(accountId: string): string {
    return this.numbers.get(accountId) ?? accountId;
  }
}

const timerText = (seconds: number) =>
  seconds > 0 ? `messages disappear after ${seconds} s` : 'disappearing messages are off';
