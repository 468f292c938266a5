import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG, PrismaService, QueuesService } from '@switchboard/platform';
import { GraphIds } from '../common/ids';
import { type PageRequest, pageArgs, toPage } from '../common/paging';
import { renderBusiness } from './outputs/business.output';
import { renderPhoneNumber } from './outputs/phone-number.output';

/** Businesses (WABAs) and their phone numbers: created by the admin command, read through the Graph endpoints. */
@Injectable()
export class BusinessesService {
  private readonly log = new Logger('Businesses');

  constructor(
    private readonly prisma: PrismaService,
    private readonly ids: GraphIds,
    private readonly queues: QueuesService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async createBusiness(name: string) {
    const id = await this.ids.newGraphId();
    const namespace = randomUUID().replaceAll('-', '_');
    return this.prisma.client.business.create({ data: { id, name, templateNamespace: namespace } });
  }

  /** `phoneNumber` must already be E.164. A number belongs to one business: adding it twice is refused. */
  async addNumber(businessId: string, phoneNumber: string, verifiedName: string) {
    const taken = await this.prisma.client.businessNumber.findUnique({ where: { phoneNumber } });
    if (taken) throw ApiError.invalidParameter(`number: ${phoneNumber} already belongs to a business`);
    const number = await this.prisma.client.businessNumber.create({
      data: { id: await this.ids.newGraphId(), businessId, phoneNumber, verifiedName },
    });
    // Its device now rather than on the next sweep; a job Redis loses is the sweep's to do.
    await this.queues
      .add('devicesProvision', { phoneNumberId: number.id }, { jobId: `devices-provision-${number.id}` })
      .catch((err: Error) => this.log.warn(`number ${number.id}: device not queued (${err.message}); the sweep will`));
    return number;
  }

  findNumberByPhone(phoneNumber: string) {
    return this.prisma.client.businessNumber.findUnique({ where: { phoneNumber }, include: { business: true } });
  }

  /** The caller's own WABA, or undefined for any other id (the Graph object dispatcher's contract). */
  async read(businessId: string, id: string) {
    if (id !== businessId) return undefined;
    const business = await this.prisma.client.business.findUnique({ where: { id } });
    return business ? renderBusiness(business) : undefined;
  }

  async readNumber(businessId: string, id: string) {
    const number = await this.prisma.client.businessNumber.findFirst({
      where: { id, businessId },
      include: { business: { select: { messagingLimitTier: true } } },
    });
    return number ? renderPhoneNumber(number, this.config.limits.messagesPerSecondDefault) : undefined;
  }

  async listNumbers(businessId: string, page: PageRequest, url?: URL) {
    const args = pageArgs(page);
    const rows = await this.prisma.client.businessNumber.findMany({
      ...args,
      where: { ...args.where, businessId },
      include: { business: { select: { messagingLimitTier: true } } },
    });
    return toPage(rows, page, (n) => renderPhoneNumber(n, this.config.limits.messagesPerSecondDefault), url);
  }
}
