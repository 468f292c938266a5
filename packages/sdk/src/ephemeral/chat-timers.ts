import type { Storage } from '../crypto/storage';

const PREFIX = 'ephemeral:timer:';

/**
 * Each chat's disappearing-messages timer (seconds, 0 = off), as the last timer message of the chat set it — one this
 * device sent or received, or one of this account's other devices sent. Every message sent into the chat carries it.
 */
export class ChatTimers {
  constructor(private readonly storage: Storage) {}

  get(chat: string): number {
    return Number(this.storage.get(`${PREFIX}${chat}`) ?? 0);
  }

  set(chat: string, seconds: number): void {
    if (seconds > 0) this.storage.set(`${PREFIX}${chat}`, String(seconds));
    else this.storage.delete(`${PREFIX}${chat}`);
  }
}
