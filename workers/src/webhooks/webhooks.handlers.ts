import { Injectable } from '@nestjs/common';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';
import { DeliveryService, SweeperService } from '@switchboard/webhooks';

/** Thin handlers: the delivery engine lives in @switchboard/webhooks. */
@Injectable()
export class WebhooksHandlers {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly sweeper: SweeperService,
  ) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.webhooksDeliver,
        handle: (p) => this.delivery.drain((p as JobPayload<'webhooksDeliver'>).subscriptionId),
      },
      { job: jobs.webhooksSweep, handle: () => this.sweeper.sweep() },
    ];
  }
}
