import { Injectable } from '@nestjs/common';
import type { DeviceRef } from '@switchboard/core/messaging/mailbox/mailbox.types';
import { ReceiptService } from '@switchboard/core/messaging/receipts/receipt.service';
import { SendService } from '@switchboard/core/messaging/send/send.service';
import type { ReadReceiptFrame, SendFrame, ServerFrame } from '@switchboard/protocol';

/**
 * The business device's connection to the core without a socket: the same services a device's WebSocket frames go
 * to (device-set check with 409/410, durable store, ✓, push to wherever the recipients are connected), called in
 * this process. Each call resolves with the answer the device would have received (SendOk or SendError).
 */
@Injectable()
export class CoreLink {
  constructor(
    private readonly sends: SendService,
    private readonly receipts: ReceiptService,
  ) {}

  send(from: DeviceRef, frame: SendFrame): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      this.sends.prepare(from, frame, resolve).then((step) => step(), reject);
    });
  }

  /** Several sends at once, stored together (all or none): SendService.sendAll. Answers in order, up to a refusal. */
  sendAll(from: DeviceRef, frames: SendFrame[]): Promise<ServerFrame[]> {
    return this.sends.sendAll(from, frames);
  }

  read(from: DeviceRef, frame: ReadReceiptFrame): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      this.receipts.prepareRead(from, frame, resolve).then((step) => step(), reject);
    });
  }

  acknowledge(device: DeviceRef, guids: number[]): Promise<void> {
    return this.receipts.acknowledge(device, guids);
  }
}
