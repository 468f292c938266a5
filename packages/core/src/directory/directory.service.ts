import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { LookupQuota } from './lookup-quota';

export interface LookupOutput {
  accounts: { number: string; account_id: string }[];
}

/** Contact discovery: which of an address book's numbers are registered, and as which accounts. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly quota: LookupQuota,
  ) {}

  async lookup(accountId: string, numbers: string[]): Promise<LookupOutput> {
    const unique = [...new Set(numbers)];
    await this.quota.take(accountId, unique);
    const found = await this.prisma.client.account.findMany({
      where: { number: { in: unique } },
      select: { id: true, number: true },
      orderBy: { number: 'asc' },
    });
    return { accounts: found.map((a) => ({ number: a.number, account_id: a.id })) };
  }
}
