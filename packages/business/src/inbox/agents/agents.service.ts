import { Injectable } from '@nestjs/common';
import { InboxErrors } from '../inbox-errors';
import type { AgentBody } from '../inputs/canned.input';
import { Router } from '../routing/router';
import { AgentsRepository } from './agents.repository';

/** Viewers read the inbox; the other console roles answer it. */
const ANSWERING_ROLES = new Set(['owner', 'admin', 'agent']);

@Injectable()
export class AgentsService {
  constructor(
    private readonly repo: AgentsRepository,
    private readonly router: Router,
  ) {}

  async assertAgent(businessId: string, userId: string): Promise<void> {
    const role = await this.repo.role(businessId, userId);
    if (!role || !ANSWERING_ROLES.has(role)) throw InboxErrors.notAgent(userId);
  }

  /**
   * An agent who came online on the console (or back from away) takes waiting conversations at once, up to their
   * capacity in this business (the business's setting for them, or the default). Viewers only watch.
   */
  async present(businessId: string, userId: string): Promise<void> {
    const role = await this.repo.role(businessId, userId);
    if (!role || !ANSWERING_ROLES.has(role)) return;
    await this.repo.ensure(businessId, userId);
    await this.router.route(businessId);
  }

  /** An agent going available (or getting more room) takes waiting conversations at once. */
  async set(businessId: string, userId: string, body: AgentBody) {
    await this.assertAgent(businessId, userId);
    const a = await this.repo.upsert(businessId, userId, body.available, body.capacity);
    await this.router.route(businessId);
    return {
      user_id: a.userId,
      available: a.available,
      capacity: a.capacity,
      load: await this.repo.load(businessId, userId),
    };
  }
}
