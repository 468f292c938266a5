import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { CannedResponse } from '@switchboard/db';
import { GraphIds } from '../../common/ids';
import { type PageRequest, toPage } from '../../common/paging';
import type { CannedBody } from '../inputs/canned.input';
import { CannedRepository } from './canned.repository';
import { fillVariables } from './fill-variables';

export const renderCanned = (c: CannedResponse) => ({
  id: c.id,
  short_code: c.shortCode,
  content: c.content,
  created_time: c.createdAt.toISOString(),
});

/** Saved replies of a business, by short code; used through a conversation's reply (`canned_response`). */
@Injectable()
export class CannedService {
  constructor(
    private readonly repo: CannedRepository,
    private readonly ids: GraphIds,
  ) {}

  async create(businessId: string, body: CannedBody) {
    const c = await this.repo.create(await this.ids.newGraphId(), businessId, body.short_code, body.content);
    if (!c)
      throw ApiError.invalidParameter(`short_code: "${body.short_code}" is already used by another canned response`);
    return renderCanned(c);
  }

  async list(businessId: string, page: PageRequest, url: URL) {
    return toPage(await this.repo.list(businessId, page), page, renderCanned, url);
  }

  async delete(businessId: string, id: string) {
    if (!(await this.repo.delete(businessId, id))) throw ApiError.notFound(`Canned response ${id}`);
    return { success: true as const };
  }

  /** The response's text with the contact's fields and the caller's variables filled in. */
  async text(businessId: string, id: string, values: Record<string, string>): Promise<string> {
    const c = await this.repo.find(businessId, id);
    if (!c) throw ApiError.invalidParameter(`canned_response.id: no canned response ${id} in this business`);
    return fillVariables(c.content, values);
  }
}
