import type { INestApplicationContext } from '@nestjs/common';
import { StatusReporter } from '@switchboard/workers/business-device/statuses';

/**
 * Records a `failed` status for a business message in the worker, as the send pipeline does when it gives up on one
 * (the same StatusReporter, its webhook and the flows' queue of step failures): for a failure at a chosen moment.
 */
export function failMessage(worker: INestApplicationContext, wamid: string, code = 131026) {
  return worker.get(StatusReporter).fail(wamid, { code, title: 'Message undeliverable' }, new Date());
}
