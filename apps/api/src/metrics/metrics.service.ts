import { Injectable } from '@nestjs/common';
import { MailboxCounters } from '@switchboard/core/messaging/mailbox/mailbox-counters';
import { QueuesService } from '@switchboard/platform';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for this process: HTTP, queues and the process itself. A registry per app instance rather than
 * prom-client's global one, so tests can run several apps in one process.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(queues: QueuesService, mailbox: MailboxCounters) {
    collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
    // Totals since the process started (the core benchmark's mailbox_rows_per_msg is their ratio over its rounds).
    new Gauge({
      name: 'switchboard_mailbox_rows_inserted',
      help: 'MailboxMessage and MailboxEnvelope rows this process inserted (messages, envelopes, receipts)',
      registers: [this.registry],
      collect() {
        this.set(mailbox.rowsInserted);
      },
    });
    new Gauge({
      name: 'switchboard_relay_messages_accepted',
      help: 'Messages (not receipts) from devices this process answered with ✓',
      registers: [this.registry],
      collect() {
        this.set(mailbox.messagesAccepted);
      },
    });
    new Gauge({
      name: 'switchboard_queue_jobs',
      help: 'Jobs per queue and state, read from BullMQ at scrape time',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await queues.counts();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }
}
