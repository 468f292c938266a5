import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PushController } from './push.controller';
import { PushRepository } from './push.repository';
import { PushService } from './push.service';
import { PushWakeups } from './push-wakeups';

/**
 * Wake-up pushes, the core's side: devices register where pushes go; the delivery router reports devices stored a
 * message while offline (PushWakeups). The worker sends them (workers/src/push).
 */
@Module({
  imports: [AuthModule],
  controllers: [PushController],
  providers: [PushService, PushRepository, PushWakeups],
  exports: [PushRepository, PushWakeups],
})
export class PushModule {}
