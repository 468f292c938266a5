// Server-side only: the simulator's phones. Each is a real consumer SDK device held by this Next.js server process,
// registered against the API like any consumer, so what the operator says in the builder's simulator goes the real
// message path (gateway → business device → flow runtime) and the bot's answers come back the same way.
import { randomBytes, randomInt } from 'node:crypto';
import {
  Connection,
  DeviceCrypto,
  type IncomingMessage,
  MemoryStorage,
  Messenger,
  RestClient,
  registerWithDevCode,
} from '@switchboard/sdk';
import { apiBaseUrl } from '../../api-status';
import type { ChatLine } from './chat';

/** A phone left alone this long is closed (its device disconnected): the page opens another. */
const IDLE_MS = 15 * 60_000;
/** Phones at once in this process: each is a connected device. */
const MAX_SESSIONS = 50;

export class SimulatorSession {
  readonly lines: ChatLine[] = [];
  private readonly listeners = new Set<(line: ChatLine) => void>();
  private idle?: NodeJS.Timeout;

  constructor(
    readonly id: string,
    readonly businessId: string,
    /** The phone's own number (international, with +). */
    readonly number: string,
    private readonly businessAccountId: string,
    private readonly connection: Connection,
    private readonly messenger: Messenger,
  ) {
    messenger.onMessage((m) => this.received(m));
    this.touch();
  }

  /** Sends as the consumer: text, with structured content (a button or list reply, `context`) beside it. */
  async send(text: string, rich?: Record<string, unknown>): Promise<ChatLine> {
    this.touch();
    const sent = await this.messenger.sendContent(this.businessAccountId, { text, rich: rich ?? {} });
    return this.push({ id: String(sent.id), from: 'me', text, ...(rich && { rich }), at: Date.now() });
  }

  /** Every line so far, then each new one, until the returned function is called. */
  follow(listener: (line: ChatLine) => void): () => void {
    this.touch();
    for (const line of this.lines) listener(line);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    sessions().delete(this.id);
    this.listeners.clear();
    await this.connection.close().catch(() => undefined);
  }

  private received(m: IncomingMessage) {
    if (m.from.accountId !== this.businessAccountId) return;
    this.push({ id: String(m.messageId), from: 'bot', text: m.text, ...(m.rich && { rich: m.rich }), at: Date.now() });
  }

  private push(line: ChatLine): ChatLine {
    this.lines.push(line);
    for (const l of this.listeners) l(line);
    return line;
  }

  private touch() {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), IDLE_MS);
    this.idle.unref();
  }
}

/** Kept on globalThis: one table per process, whatever the bundler does with this module. */
const sessions = (): Map<string, SimulatorSession> => {
  const g = globalThis as { __flowSimulators?: Map<string, SimulatorSession> };
  g.__flowSimulators ??= new Map();
  return g.__flowSimulators;
};

export const findSession = (id: string): SimulatorSession | undefined => sessions().get(id);

/**
 * A new phone writing to the business number `businessNumber` (as displayed: digits, spaces, +): a fresh consumer
 * account registered with the API's development verification codes (an API that sends real SMS has none), its keys
 * published, connected; the business's account found by its number in the directory, as any consumer app finds it.
 */
export async function openSession(businessId: string, businessNumber: string): Promise<SimulatorSession> {
  if (sessions().size >= MAX_SESSIONS) throw new Error('too many simulator phones open: close one and try again');
  const baseUrl = apiBaseUrl();
  const number = `+4474${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const { rest, credentials } = await registerWithDevCode(new RestClient({ baseUrl }), number, { name: 'Simulator' });
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys({ preKeys: 10, kyberPreKeys: 10 });
  const e164 = `+${businessNumber.replace(/\D/g, '')}`;
  const match = (await rest.lookupNumbers([e164])).accounts.find((a) => a.number === e164);
  if (!match) throw new Error(`the business number ${e164} has no account yet`);
  const connection = new Connection({ baseUrl, credentials });
  const messenger = new Messenger(connection, crypto, storage, { number });
  const session = new SimulatorSession(
    randomBytes(16).toString('hex'),
    businessId,
    number,
    match.account_id,
    connection,
    messenger,
  );
  sessions().set(session.id, session);
  await connection.start();
  return session;
}
