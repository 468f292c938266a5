import {
  Connection,
  DeviceCrypto,
  type IncomingMessage,
  type IncomingReceipt,
  MemoryStorage,
  Messenger,
} from '@switchboard/sdk';
import { newAccount } from '../../core/core-harness';
import type { RunningApi } from '../../harness';

/** A consumer's phone: a registered primary with published keys, connected, recording what it receives. */
export async function consumerDevice(api: RunningApi, name = 'Pablo') {
  const { rest, credentials, number } = await newAccount(api);
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto({ accountId: credentials.accountId, deviceId: credentials.deviceId }, storage, rest);
  await crypto.publishKeys({ preKeys: 5, kyberPreKeys: 5 });
  const connection = new Connection({ baseUrl: api.url, credentials });
  const messenger = new Messenger(connection, crypto, storage);
  const messages: IncomingMessage[] = [];
  const receipts: IncomingReceipt[] = [];
  messenger.onMessage((m) => void messages.push(m));
  messenger.onReceipt((r) => void receipts.push(r));
  return {
    accountId: credentials.accountId,
    /** The device's REST client (attachments: SDK uploadAttachment / downloadAttachment). */
    rest,
    number,
    waId: number.slice(1),
    messenger,
    messages,
    receipts,
    connect: () => connection.start(),
    close: () => connection.close(),
    /** Replies to the business account with text and optional structured content; the profile name goes along. */
    reply: (to: string, text: string, rich: Record<string, unknown> = {}) =>
      messenger.sendContent(to, { text, rich: { profile: { name }, ...rich } }),
  };
}
