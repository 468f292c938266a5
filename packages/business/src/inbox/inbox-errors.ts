import { ApiError } from '@switchboard/core/errors/api-error';

export const InboxErrors = {
  notFound: (id: string) => ApiError.notFound(`Conversation ${id}`),
  /**
   * Cloud API 131047, answered at once: the inbox knows the window, and an agent's desk wants the refusal while the
   * agent is still looking at the reply, not in a later `failed` webhook.
   */
  windowClosed: (waId: string, closedAt: Date | null) =>
    new ApiError(
      400,
      131047,
      '(#131047) Re-engagement message',
      `The 24-hour customer-service window with ${waId} is closed${closedAt ? ` (since ${closedAt.toISOString()})` : ' (the contact never wrote)'}: only a template message can be sent now.`,
    ),
  transition: (from: string, to: string) =>
    ApiError.invalidParameter(`status: a ${from} conversation cannot become ${to}`),
  notAgent: (userId: string) =>
    ApiError.invalidParameter(`${userId} is not a console member of this business who can answer conversations`),
} as const;
