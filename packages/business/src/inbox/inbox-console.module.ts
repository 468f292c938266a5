import { Module } from '@nestjs/common';
import { ConsoleModule } from '../console/console.module';
import { ConsoleCannedController } from './console/console-canned.controller';
import { ConsoleInboxController } from './console/console-inbox.controller';
import { InboxModule } from './inbox.module';
import { LiveController } from './live/live.controller';

/**
 * The inbox for the console's signed-in agents (`/console/v1/businesses/{businessId}/…`): the conversations as the
 * agent sees them, the live event stream, presence and typing. Only the API composes it; worker processes take InboxModule alone.
 */
@Module({
  imports: [InboxModule, ConsoleModule],
  controllers: [ConsoleInboxController, ConsoleCannedController, LiveController],
})
export class InboxConsoleModule {}
