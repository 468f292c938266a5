import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { PushSender } from './push-sender.service';

/** Thin handler: the sending lives in push-sender.service.ts. */
@Injectable()
export class PushHandlers {
  constructor(private readonly sender: PushSender) {}

  bindings(): HandlerBinding[] {
    return [bindJob(jobs.pushWake, (p) => this.sender.wake(p))];
  }
}
