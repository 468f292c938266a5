import { Module } from '@nestjs/common';
import { KnownPeers } from './known-peers';
import { NewChatLimit } from './new-chat-limit';

/** The consumer side of the unsolicited-contact limits (docs/campaigns.md, "Consumers"); used by the send path. */
@Module({
  providers: [KnownPeers, NewChatLimit],
  exports: [NewChatLimit],
})
export class ConsumerLimitsModule {}
