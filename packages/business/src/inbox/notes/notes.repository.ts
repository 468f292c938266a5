import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/platform';
import { type PageRequest, pageArgs } from '../../common/paging';

@Injectable()
export class NotesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(id: string, conversationId: string, body: string, authorId?: string) {
    return this.prisma.client.conversationNote.create({ data: { id, conversationId, body, authorId } });
  }

  list(conversationId: string, page: PageRequest) {
    const { where, ...rest } = pageArgs(page);
    return this.prisma.client.conversationNote.findMany({ where: { ...where, conversationId }, ...rest });
  }
}
