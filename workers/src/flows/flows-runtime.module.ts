import { Module } from '@nestjs/common';
import { GraphIdsModule } from '@switchboard/business/common/ids.module';
import { MessagesModule } from '@switchboard/business/messages/messages.module';
import { WebhookEventsModule } from '@switchboard/webhooks';
import { FlowEngine } from './flow-engine';
import { FlowInbox } from './flow-inbox';
import { FlowRuntime } from './flow-runtime';
import { FlowRuntimeRepository } from './flow-runtime.repository';
import { FlowSender } from './flow-sender';
import { FlowSweep } from './flow-sweep';
import { RunEvents } from './run-events';

/** The chatbot flow runtime of the worker process (docs/flows.md "Runtime"); the business device feeds its inbox. */
@Module({
  imports: [GraphIdsModule, MessagesModule, WebhookEventsModule],
  providers: [FlowRuntimeRepository, FlowSender, RunEvents, FlowEngine, FlowRuntime, FlowInbox, FlowSweep],
  exports: [FlowInbox, FlowRuntime, FlowSweep],
})
export class FlowsRuntimeModule {}
