import type { RunningApi } from '../api';
import { sdkDevice } from './sdk-device';

/** A consumer's phone: an SDK device (registered primary, keys published) that connects when told, and replies. */
export async function consumerDevice(api: Pick<RunningApi, 'url'>, name = 'Pablo') {
  const device = await sdkDevice(api, undefined, { connect: false });
  const number = device.number;
  return {
    accountId: device.credentials.accountId,
    /** The device's REST client (attachments: SDK uploadAttachment / downloadAttachment). */
    rest: device.rest,
    number,
    waId: number.slice(1),
    messenger: device.messenger,
    messages: device.inbox,
    receipts: device.receipts,
    connect: () => device.connection.start(),
    close: () => device.stop(),
    /** Replies to the business account with text and optional structured content; the profile name goes along. */
    reply: (to: string, text: string, rich: Record<string, unknown> = {}) =>
      device.messenger.sendContent(to, { text, rich: { profile: { name }, ...rich } }),
  };
}
