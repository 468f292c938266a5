import {
  Connection,
  type DeviceCredentials,
  DeviceCrypto,
  type Expiring,
  type IncomingMessage,
  type IncomingReceipt,
  linkDevice,
  MemoryStorage,
  Messenger,
  Presence,
  type PresenceUpdate,
  Profiles,
  type RestClient,
  type SendResult,
  type TypingUpdate,
} from '@switchboard/sdk';
import type { RunningApi } from '../api';
import { newAccount } from '../core';

/** A complete SDK device (keys published, connected), recording what it receives. */
export interface SdkDevice {
  credentials: DeviceCredentials;
  /** The account's phone number, when the device registered it (not for a linked companion). */
  number: string;
  rest: RestClient;
  crypto: DeviceCrypto;
  /** Discovery and profiles, with the same storage (profile keys learnt from messages are there). */
  profiles: Profiles;
  connection: Connection;
  messenger: Messenger;
  presence: Presence;
  /** Presence frames and typing indicators received, in order. */
  presenceUpdates: PresenceUpdate[];
  typing: TypingUpdate[];
  inbox: IncomingMessage[];
  receipts: IncomingReceipt[];
  /** Disappearing messages this device removed (onExpired), in order. */
  expired: Expiring[];
  /** How each send ended, restored ones included. */
  sendResults: SendResult[];
  storage: MemoryStorage;
  /** Connects (again) with the same keys and storage: a restart of the app. */
  reconnect(): Promise<void>;
  stop(): Promise<void>;
}

export async function sdkDevice(
  api: Pick<RunningApi, 'url'>,
  account?: { rest: RestClient; credentials: DeviceCredentials; number?: string },
  options: { connect?: boolean; servers?: string[]; extend?: (device: SdkDevice) => void } = {},
): Promise<SdkDevice> {
  const [baseUrl = api.url, ...fallbackUrls] = options.servers ?? [];
  const { rest, credentials, number = '' } = account ?? (await newAccount(api));
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys({ preKeys: 5, kyberPreKeys: 5 });
  const device = {
    credentials,
    number,
    rest,
    crypto,
    storage,
    profiles: new Profiles(rest, storage, credentials.accountId),
    inbox: [],
    receipts: [],
    sendResults: [],
    expired: [],
    presenceUpdates: [],
    typing: [],
  } as unknown as SdkDevice;
  const wire = () => {
    const servers = { baseUrl, fallbackUrls };
    device.connection = new Connection({ ...servers, credentials, minBackoffMs: 20, maxBackoffMs: 200 });
    device.messenger = new Messenger(device.connection, crypto, storage, number ? { number } : {});
    device.messenger.onMessage((m) => void device.inbox.push(m));
    device.messenger.onReceipt((r) => void device.receipts.push(r));
    device.messenger.onSendResult((r) => void device.sendResults.push(r));
    device.messenger.onExpired((e) => void device.expired.push(e));
    device.presence = new Presence(device.connection);
    device.presence.onPresence((p) => void device.presenceUpdates.push(p));
    device.presence.onTyping((t) => void device.typing.push(t));
    options.extend?.(device); // before the connection starts, so nothing it receives is missed
  };
  wire();
  device.reconnect = async () => {
    device.messenger.close();
    await device.connection.close();
    wire();
    device.messenger.restore();
    await device.connection.start();
  };
  device.stop = () => {
    device.messenger.close();
    return device.connection.close();
  };
  if (options.connect !== false) await device.connection.start();
  return device;
}

/** A companion linked to `primary`'s account, keys published. */
export async function sdkCompanion(api: RunningApi, primary: SdkDevice, options: { connect?: boolean } = {}) {
  const linked = await linkDevice(primary.rest);
  return sdkDevice(api, linked, options);
}

export const texts = (d: SdkDevice) => d.inbox.map((m) => m.text);

export const addr = (d: SdkDevice) => ({ accountId: d.credentials.accountId, deviceId: d.credentials.deviceId });
