import { Injectable } from '@nestjs/common';
import { GraphIds } from '../../common/ids';
import { type PageRequest, toPage } from '../../common/paging';
import { ConversationsService } from '../conversations/conversations.service';
import type { NoteBody } from '../inputs/conversation.input';
import { renderNote } from './note.output';
import { NotesRepository } from './notes.repository';

/** Private notes: for the business's people only, never sent to the contact. */
@Injectable()
export class NotesService {
  constructor(
    private readonly repo: NotesRepository,
    private readonly conversations: ConversationsService,
    private readonly ids: GraphIds,
  ) {}

  async add(businessId: string, conversationId: string, body: NoteBody) {
    const c = await this.conversations.get(businessId, conversationId);
    if (body.author_id) await this.conversations.assertAgent(businessId, body.author_id);
    return renderNote(await this.repo.create(await this.ids.newGraphId(), c.id, body.body, body.author_id));
  }

  async list(businessId: string, conversationId: string, page: PageRequest, url: URL) {
    const c = await this.conversations.get(businessId, conversationId);
    return toPage(await this.repo.list(c.id, page), page, renderNote, url);
  }
}
