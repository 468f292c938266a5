import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { ContentRetentionRepository, PURGE_CHUNK } from './content-retention.repository';

/** How often the purge runs (one job per interval across worker processes). */

/**
 * BUSINESS_CONTENT_RETENTION_DAYS: message content is plaintext by design (the business device decrypts it, webhooks
 * carry it), so it is kept only this long. The rows stay — statuses still move, campaign progress still counts, the
 * event log still lists events and their delivery logs — only the content is emptied (docs/business.md).
 */
@Injectable()
export class ContentRetentionService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repository: ContentRetentionRepository,
  ) {}

  async purge(): Promise<{ messages: number; events: number }> {
    const days = this.config.business.contentRetentionDays;
    return {
      messages: await this.drain(() => this.repository.emptyMessages(days)),
      events: await this.drain(() => this.repository.emptyEvents(days)),
    };
  }

  private async drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < PURGE_CHUNK) return total;
    }
  }
}
