import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { parseOrThrow } from '../../common/validation';
import { ContactsService } from '../../contacts/contacts.service';
import { SendCheck } from '../../limits/send-check';
import { SendLimits } from '../../limits/send-limits';
import { tierLimit } from '../../limits/tiers/tiers';
import { MediaService } from '../../media/media.service';
import { acceptsMime } from '../../media/media-types';
import type { RenderedTemplate } from '../../templates/send/rendered-template';
import { TemplatesService } from '../../templates/templates.service';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { requestHash } from '../idempotency/request-hash';
import { isMarkRead, markReadBody, type SendMessageBody, sendMessageBody } from '../inputs/send-message.input';
import { type MessageError, MessageLogService } from '../log/message-log.service';
import { MessageLogWriter } from '../log/message-log.writer';
import { MessageErrors, reengagementFailure } from '../message-errors';
import { type SendResponse, sendResponse } from '../outputs/send-response';
import { newWamid } from '../wamid';
import { BusinessNumbers, type SendingNumber } from './business-numbers';
import { type MediaRef, mediaRefs, templateMediaRefs } from './media-refs';
import { Recipients } from './recipient';
import { WindowGate } from './window-gate';

/**
 * `POST /{phone_number_id}/messages`: validates a send exactly as the Cloud API does, checks who may receive it (the
 * 24-hour window for free-form messages — outside it the message is accepted to fail, as at Meta — and marketing
 * opt-out for templates), then the sending limits (throughput,
 * pair rate, and the messaging limit for templates outside a window: one Redis round trip), and accepts it — a
 * message-log row and a send-outbox row committed together — answering with the wamid. Encryption and delivery
 * happen later, in the send pipeline, which consumes the outbox (docs/business.md, "Sending").
 */
@Injectable()
export class SendMessageService {
  private readonly recipients = new Recipients();

  constructor(
    private readonly numbers: BusinessNumbers,
    private readonly window: WindowGate,
    private readonly contacts: ContactsService,
    private readonly templates: TemplatesService,
    private readonly media: MediaService,
    private readonly idempotency: IdempotencyService,
    private readonly writer: MessageLogWriter,
    private readonly log: MessageLogService,
    private readonly limits: SendLimits,
    private readonly sendCheck: SendCheck,
  ) {}

  /** The response body, and whether it is the replay of an earlier request with the same Idempotency-Key. */
  async send(
    businessId: string,
    phoneNumberId: string,
    body: unknown,
    idempotencyHeader?: string | string[],
  ): Promise<{ body: SendResponse | { success: true }; replayed: boolean }> {
    const number = await this.numbers.get(businessId, phoneNumberId);
    if (isMarkRead(body)) {
      const read = parseOrThrow(markReadBody, body);
      return { body: await this.log.markRead(number, read.message_id, read.typing_indicator?.type), replayed: false };
    }
    const msg = parseOrThrow(sendMessageBody, body);
    const key = this.idempotency.parseKey(idempotencyHeader);
    if (!key) return { body: (await this.accept(number, msg))!, replayed: false };
    const claim = { key, hash: requestHash(phoneNumberId, body) };
    return this.idempotency.once(
      businessId,
      claim,
      () => this.accept(number, msg, claim),
      (stored) => JSON.parse(stored) as SendResponse,
    );
  }

  /** The answer, or undefined when another node claimed the same Idempotency-Key first (nothing was written). */
  private async accept(
    number: SendingNumber,
    msg: SendMessageBody,
    claim?: { key: string; hash: Buffer },
  ): Promise<SendResponse | undefined> {
    const waId = this.recipients.toWaId(msg.to, number.country);
    if (!waId)
      throw ApiError.invalidParameter(
        `to: "${msg.to}" is not a valid WhatsApp phone number (use the international form, e.g. +16505551234)`,
      );
    const { rendered, failure } = await this.checkRecipient(number, waId, msg);
    await this.checkMedia(number.businessId, [...mediaRefs(msg), ...(rendered ? templateMediaRefs(rendered) : [])]);
    const initiated = await this.checkLimits(number, waId, msg.type === 'template');
    const wamid = newWamid(waId);
    const response = sendResponse(msg.to, waId, wamid, msg.type === 'template');
    const accepted = await this.writer.accept({
      wamid,
      businessId: number.businessId,
      phoneNumberId: number.id,
      waId,
      type: msg.type,
      payload: JSON.stringify(loggedPayload(msg, rendered)),
      contextWamid: msg.context?.message_id,
      bizOpaqueCallbackData: msg.biz_opaque_callback_data,
      idempotency: claim && { ...claim, response: JSON.stringify(response) },
      initiated,
      failure: failure && JSON.stringify(failure),
    });
    return accepted ? response : undefined;
  }

  /**
   * Templates may go to anyone but opted-out contacts (marketing only); everything else needs an open window. A
   * closed window is not refused here: as at Meta, the message is accepted and fails (131047) in its webhook.
   */
  private async checkRecipient(
    number: SendingNumber,
    waId: string,
    msg: SendMessageBody,
  ): Promise<{ rendered?: RenderedTemplate; failure?: MessageError }> {
    if (msg.type !== 'template') {
      const open = await this.window.isOpen(number.businessId, waId);
      return open ? {} : { failure: reengagementFailure(waId) };
    }
    const t = msg.template;
    const rendered = await this.templates.resolveForSend(number.businessId, t.name, t.language.code, t.components);
    if (rendered.category === 'MARKETING') await this.contacts.assertCanReceiveMarketing(number.businessId, waId);
    return { rendered };
  }

  /**
   * Refuses the send when a limit is reached (nothing is stored then, and no budget booked). Returns whether it is a
   * business-initiated contact — a template while the consumer's window is closed — which the accept records. The
   * rate and tier are cached per process, and the window read only for templates (free-form sends checked it).
   */
  private async checkLimits(number: SendingNumber, waId: string, template: boolean): Promise<boolean> {
    const initiated = template && !(await this.window.isOpen(number.businessId, waId));
    const [rate, tier] = await Promise.all([
      this.limits.rateOf(number.id),
      initiated ? this.limits.tierOf(number.businessId) : undefined,
    ]);
    const verdict = await this.sendCheck.check(number.id, rate, waId, tier && { businessId: number.businessId, tier });
    if (verdict.ok) return initiated;
    if (verdict.limit === 'throughput') throw MessageErrors.throughput(rate, verdict.waitMs);
    if (verdict.limit === 'pair') throw MessageErrors.pairRate(waId, verdict.waitMs);
    throw MessageErrors.messagingLimit(tier!, tierLimit(tier!), verdict.waitMs);
  }

  /** Uploaded media ids must be this business's, unexpired, and of a type the message can carry. */
  private async checkMedia(businessId: string, refs: MediaRef[]) {
    for (const ref of refs) {
      const m = await this.media.find(businessId, ref.id);
      if (!m)
        throw ApiError.invalidParameter(
          `${ref.field}: media ${ref.id} does not exist, has expired, or belongs to another business`,
        );
      if (!acceptsMime(ref.kind, m.mimeType) || (ref.voice && m.mimeType !== 'audio/ogg'))
        throw ApiError.invalidParameter(
          `${ref.field}: media ${ref.id} is ${m.mimeType}, which cannot be sent as ${ref.voice ? 'a voice message' : ref.kind}`,
        );
    }
  }
}

/**
 * What the log keeps: the message object as sent (the part under its type's key), and for templates what the
 * consumer will actually see — the template can change or go away before the pipeline sends it.
 */
function loggedPayload(msg: SendMessageBody, rendered?: RenderedTemplate) {
  const content = (msg as unknown as Record<string, unknown>)[msg.type];
  return {
    [msg.type]: content,
    ...(msg.context && { context: msg.context }),
    ...(rendered && { rendered }),
  };
}
