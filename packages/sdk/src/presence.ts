// Presence and typing over the connection: who of the watched accounts is online (or when it was last seen, as their
// settings allow), and which chat peers are typing. Nothing here is stored anywhere: it is only what is true now.
import { TypingState, type TypingStateCode } from '@switchboard/protocol';
import type { Connection } from './connection';
import type { Address } from './crypto/device-crypto';

export interface PresenceUpdate {
  accountId: string;
  online: boolean;
  /** When its last device went offline (ms); 0 while online, or when its settings hide it from this account. */
  lastSeen: number;
}

export type Typing = 'typing' | 'recording' | 'stopped';

export interface TypingUpdate {
  from: Address;
  state: Typing;
}

const CODES: Record<Typing, TypingStateCode> = {
  stopped: TypingState.Stopped,
  typing: TypingState.Typing,
  recording: TypingState.Recording,
};
const NAMES = Object.fromEntries(Object.entries(CODES).map(([name, code]) => [code, name])) as Record<number, Typing>;

export class Presence {
  private watched: string[] = [];
  private readonly listeners = {
    presence: [] as ((p: PresenceUpdate) => void)[],
    typing: [] as ((t: TypingUpdate) => void)[],
  };

  constructor(private readonly connection: Connection) {
    connection.onFrame((f) => {
      if (f.t === 'presence') {
        const update = { accountId: f.accountId, online: f.online, lastSeen: f.lastSeen };
        for (const l of this.listeners.presence) l(update);
      } else if (f.t === 'peer_typing') {
        const update = { from: { accountId: f.fromAccountId, deviceId: f.fromDeviceId }, state: NAMES[f.state]! };
        for (const l of this.listeners.typing) l(update);
      }
    });
    // A watch list belongs to a connection: every new one (a reconnect, another node) gets it again.
    connection.onOpen(() => {
      if (this.watched.length) connection.send({ t: 'presence_subscribe', accountIds: this.watched });
    });
  }

  /** Watches these accounts (replacing the list; at most 256): each is reported at once, then on every change. */
  watch(accountIds: string[]): void {
    this.watched = [...new Set(accountIds)];
    this.connection.send({ t: 'presence_subscribe', accountIds: this.watched });
  }

  onPresence(l: (p: PresenceUpdate) => void): void {
    this.listeners.presence.push(l);
  }

  /**
   * Tells the chat peer's devices this device is typing, recording or stopped. Best effort: dropped while offline or
   * past the server's rate (2 a second), and only delivered between accounts that have a chat.
   */
  setTyping(to: string, state: Typing): boolean {
    return this.connection.send({ t: 'typing', toAccountId: to, state: CODES[state] });
  }

  onTyping(l: (t: TypingUpdate) => void): void {
    this.listeners.typing.push(l);
  }
}
