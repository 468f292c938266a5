import { Module } from '@nestjs/common';
import { PushModule } from '@switchboard/core/push/push.module';
import { PushSender } from './push-sender.service';

/** The worker's side of wake-up pushes: the providers and the sender (the core's PushModule holds registrations). */
@Module({
  imports: [PushModule],
  providers: [PushSender],
  exports: [PushSender],
})
export class PushSendingModule {}
