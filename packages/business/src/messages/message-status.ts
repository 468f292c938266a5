/** The statuses of a message in the business message log (the BusinessMessageStatus enum). */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/** What an outbound message can move to: anything but back to `queued`. */
export type OutboundStatus = Exclude<MessageStatus, 'queued'>;

/**
 * The moves an outbound message may make, as the Cloud API reports them: forward only, possibly skipping steps (a
 * read receipt may arrive before the delivery receipt), and to failed from queued or sent. Read and failed are final.
 * A late ✓ after ✓✓ moves nothing.
 */
export const MESSAGE_STATUS_MOVES: { readonly [from in MessageStatus]: readonly OutboundStatus[] } = {
  queued: ['sent', 'delivered', 'read', 'failed'],
  sent: ['delivered', 'read', 'failed'],
  delivered: ['read'],
  read: [],
  failed: [],
};

/** The delivery steps in order: each is reported, so a message reaching a later one reports the earlier ones first. */
export const DELIVERY_STEPS = ['sent', 'delivered', 'read'] as const;
export type DeliveryStep = (typeof DELIVERY_STEPS)[number];

export function canMoveMessage(from: MessageStatus, to: MessageStatus): boolean {
  return (MESSAGE_STATUS_MOVES[from] as readonly MessageStatus[]).includes(to);
}

/** The steps reported, in order, for a message that reached `target`: sent, then delivered, then read. */
export function stepsUpTo(target: DeliveryStep): DeliveryStep[] {
  return DELIVERY_STEPS.slice(0, DELIVERY_STEPS.indexOf(target) + 1);
}
