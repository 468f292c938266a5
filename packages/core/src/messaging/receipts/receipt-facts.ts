import { Injectable } from '@nestjs/common';

/** A device of `member` acknowledged a message of `sender` that the relay settled in memory. */
export interface DeliveredFact {
  sender: string;
  clientMessageId: bigint;
  member: string;
  at: number;
}

/** `reader` sent `sender` a read receipt for these of its messages. */
export interface ReadFact {
  sender: string;
  clientMessageIds: bigint[];
  reader: string;
  at: number;
}

/**
 * Deliveries and reads as they pass through the relay, for a feature that keeps them per message (group message
 * info: packages/core/src/groups/group-receipts.ts). Only shared-body (group) messages are reported as delivered;
 * acks of written envelopes are recorded by the ack statement itself (ack.repository.ts), not here.
 */
@Injectable()
export class ReceiptFacts {
  private readonly onDeliveredListeners: ((facts: DeliveredFact[]) => void)[] = [];
  private readonly onReadListeners: ((fact: ReadFact) => void)[] = [];

  onDelivered(l: (facts: DeliveredFact[]) => void): void {
    this.onDeliveredListeners.push(l);
  }

  onRead(l: (fact: ReadFact) => void): void {
    this.onReadListeners.push(l);
  }

  delivered(facts: DeliveredFact[]): void {
    if (facts.length) for (const l of this.onDeliveredListeners) l(facts);
  }

  read(fact: ReadFact): void {
    for (const l of this.onReadListeners) l(fact);
  }
}
