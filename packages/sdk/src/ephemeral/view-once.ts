import type { Storage } from '../crypto/storage';

const PREFIX = 'ephemeral:once:';
const key = (from: string, messageId: bigint) => `${PREFIX}${from}:${messageId}`;

export interface ViewOnceContent {
  text: string;
  rich?: Record<string, unknown>;
}

/**
 * The content of received view-once messages, kept until the app opens each one: `open` hands it over and deletes it
 * in the same step, so it can be shown once. The app's message list only ever holds a placeholder.
 */
export class ViewOnce {
  constructor(private readonly storage: Storage) {}

  keep(from: string, messageId: bigint, content: ViewOnceContent): void {
    this.storage.set(key(from, messageId), JSON.stringify(content));
  }

  open(from: string, messageId: bigint): ViewOnceContent | undefined {
    const saved = this.storage.get(key(from, messageId));
    if (saved === undefined) return undefined;
    this.storage.delete(key(from, messageId));
    return JSON.parse(saved) as ViewOnceContent;
  }

  drop(from: string, messageId: bigint): void {
    this.storage.delete(key(from, messageId));
  }
}
