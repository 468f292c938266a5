import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { type PageRequest, pageArgs } from '../../common/paging';

@Injectable()
export class CannedRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Undefined when the short code is taken. */
  async create(id: string, businessId: string, shortCode: string, content: string) {
    const rows = await this.prisma.client.cannedResponse.createManyAndReturn({
      data: { id, businessId, shortCode, content },
      skipDuplicates: true,
    });
    return rows[0];
  }

  find(businessId: string, id: string) {
    return this.prisma.client.cannedResponse.findFirst({ where: { businessId, id } });
  }

  list(businessId: string, page: PageRequest) {
    const { where, ...rest } = pageArgs(page);
    return this.prisma.client.cannedResponse.findMany({ where: { ...where, businessId }, ...rest });
  }

  delete(businessId: string, id: string) {
    return this.prisma.client.cannedResponse.deleteMany({ where: { businessId, id } }).then((r) => r.count > 0);
  }
}
