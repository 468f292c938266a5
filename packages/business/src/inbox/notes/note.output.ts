import type { ConversationNote } from '@switchboard/db';

export const renderNote = (n: ConversationNote) => ({
  id: n.id,
  body: n.body,
  author_id: n.authorId,
  created_time: n.createdAt.toISOString(),
});
