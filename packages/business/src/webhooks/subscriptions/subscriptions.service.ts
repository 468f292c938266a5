import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { PrismaService } from '@switchboard/platform';
import { WebhookSecrets } from '@switchboard/webhooks';
import { GraphIds } from '../../common/ids';
import { type PageRequest, pageArgs, toPage } from '../../common/paging';
import { CallbackVerifier } from './callback-verifier';
import type { CreateSubscriptionBody, UpdateSubscriptionBody } from './inputs/subscription.input';
import { renderSubscription } from './outputs/subscription.output';

/** Bounds the fan-out of every event (each subscription is a copy of every delivery). */
const MAX_SUBSCRIPTIONS = 10;

/** A business's webhook subscriptions. Every query is scoped by business: another business's id is not found. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly secrets: WebhookSecrets,
    private readonly verifier: CallbackVerifier,
    private readonly ids: GraphIds,
  ) {}

  async create(businessId: string, body: CreateSubscriptionBody) {
    const live = await this.prisma.client.webhookSubscription.count({ where: { businessId, deletedAt: null } });
    if (live >= MAX_SUBSCRIPTIONS) {
      throw ApiError.invalidParameter(`callback_url: a business can have at most ${MAX_SUBSCRIPTIONS} subscriptions`);
    }
    await this.verifier.verify(body.callback_url, body.verify_token);
    const id = await this.ids.newGraphId();
    const created = await this.prisma.client.webhookSubscription.create({
      data: {
        id,
        businessId,
        callbackUrl: body.callback_url,
        verifyTokenEnc: this.secrets.seal(id, 'verify_token', body.verify_token),
        appSecretEnc: this.secrets.seal(id, 'app_secret', body.app_secret),
        fields: body.fields,
        batching: body.batching,
        verifiedAt: new Date(),
      },
    });
    return renderSubscription(created);
  }

  async list(businessId: string, page: PageRequest, url?: URL) {
    const args = pageArgs(page);
    const rows = await this.prisma.client.webhookSubscription.findMany({
      ...args,
      where: { ...args.where, businessId, deletedAt: null },
    });
    return toPage(rows, page, renderSubscription, url);
  }

  async get(businessId: string, id: string) {
    return renderSubscription(await this.find(businessId, id));
  }

  /** Like Meta, a new callback URL or verify token is verified again before it is saved. */
  async update(businessId: string, id: string, body: UpdateSubscriptionBody) {
    const current = await this.find(businessId, id);
    const reverify = body.callback_url !== undefined || body.verify_token !== undefined;
    if (reverify) {
      const token = body.verify_token ?? this.secrets.open(id, 'verify_token', current.verifyTokenEnc);
      await this.verifier.verify(body.callback_url ?? current.callbackUrl, token);
    }
    const updated = await this.prisma.client.webhookSubscription.update({
      where: { id },
      data: {
        ...(body.callback_url !== undefined && { callbackUrl: body.callback_url }),
        ...(body.verify_token !== undefined && {
          verifyTokenEnc: this.secrets.seal(id, 'verify_token', body.verify_token),
        }),
        ...(body.app_secret !== undefined && { appSecretEnc: this.secrets.seal(id, 'app_secret', body.app_secret) }),
        ...(body.fields !== undefined && { fields: body.fields }),
        ...(body.batching !== undefined && { batching: body.batching }),
        ...(reverify && { verifiedAt: new Date() }),
      },
    });
    return renderSubscription(updated);
  }

  /** The subscription stops receiving at once; its delivery log stays readable until retention prunes it. */
  async delete(businessId: string, id: string) {
    await this.find(businessId, id);
    await this.prisma.client.$transaction([
      this.prisma.client.webhookSubscription.update({ where: { id }, data: { deletedAt: new Date() } }),
      this.prisma.client.webhookDelivery.updateMany({
        where: { subscriptionId: id, state: 'pending' },
        data: { state: 'cancelled', leaseToken: null, leaseUntil: null },
      }),
    ]);
    return { success: true };
  }

  private async find(businessId: string, id: string) {
    const found = await this.prisma.client.webhookSubscription.findFirst({
      where: { id, businessId, deletedAt: null },
    });
    if (!found) throw ApiError.notFound(`webhook subscription '${id}'`);
    return found;
  }
}
