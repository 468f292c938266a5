// Compiled with --noEmit against the installed package's declarations: a wrong type must fail.
import { type IncomingMessage, MemoryStorage, type SentMessage } from '@switchboard/sdk';

const storage = new MemoryStorage();
storage.set('k', 'v');
export const show = (m: IncomingMessage): string => `${m.from.accountId}: ${m.text}`;
export const id = (s: SentMessage): bigint => s.id;
