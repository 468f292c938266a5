import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
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
      bindJob(jobs.webhooksDeliver, (p) => this.delivery.drain(p.subscriptionId)),
      bindJob(jobs.webhooksSweep, () => this.sweeper.sweep()),
    ];
  }
}
