import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { FlowRuntime } from './flow-runtime';
import { FlowSweep } from './flow-sweep';

/** Thin handlers: the runtime and its sweep live in workers/src/flows. */
@Injectable()
export class FlowsHandlers {
  constructor(
    private readonly runtime: FlowRuntime,
    private readonly sweep: FlowSweep,
  ) {}

  bindings(): HandlerBinding[] {
    return [
      bindJob(jobs.flowsAdvance, (p) => this.runtime.advance(p.runId, p.timeoutToken)),
      bindJob(jobs.flowsSweep, () => this.sweep.run()),
    ];
  }
}
