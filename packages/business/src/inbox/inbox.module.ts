import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { ContactsModule } from '../contacts/contacts.module';
import { MessagesModule } from '../messages/messages.module';
import { AgentsRepository } from './agents/agents.repository';
import { AgentsService } from './agents/agents.service';
import { CannedRepository } from './canned/canned.repository';
import { CannedService } from './canned/canned.service';
import { ContactPanelRepository } from './contact-panel/contact-panel.repository';
import { ContactPanelService } from './contact-panel/contact-panel.service';
import { ConversationsRepository } from './conversations/conversations.repository';
import { ConversationsService } from './conversations/conversations.service';
import { SnoozeWakeService } from './conversations/snooze-wake.service';
import { ConversationsController } from './conversations.controller';
import { InboxSettingsController } from './inbox-settings.controller';
import { InboxIntake } from './intake/inbox-intake';
import { InboxBus } from './live/inbox-bus';
import { InboxEvents } from './live/inbox-events';
import { InboxEventsRepository } from './live/inbox-events.repository';
import { InboxEventsPurge } from './live/inbox-events-purge';
import { InboxFeed } from './live/inbox-feed';
import { LiveInbox } from './live/live-inbox';
import { Presence } from './live/presence';
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';
import { ReplyService } from './replies/reply.service';
import { Router } from './routing/router';
import { RoutingRepository } from './routing/routing.repository';

/**
 * The shared inbox (docs/inbox.md): conversations over the business message log, their routing to agents, notes,
 * canned responses and the live events agents follow. Exports InboxIntake, which the business device calls for every
 * consumer message it logs, InboxFeed for the status reporter, what the processes' background loops run, and the
 * services the console's inbox routes call (InboxConsoleModule, API only).
 */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule, ContactsModule, MessagesModule],
  controllers: [ConversationsController, InboxSettingsController],
  providers: [
    ConversationsRepository,
    ConversationsService,
    RoutingRepository,
    Router,
    AgentsRepository,
    AgentsService,
    NotesRepository,
    NotesService,
    CannedRepository,
    CannedService,
    ReplyService,
    ContactPanelRepository,
    ContactPanelService,
    InboxIntake,
    SnoozeWakeService,
    InboxEventsRepository,
    InboxEventsPurge,
    InboxBus,
    InboxEvents,
    InboxFeed,
    LiveInbox,
    Presence,
  ],
  exports: [
    InboxIntake,
    SnoozeWakeService,
    InboxFeed,
    LiveInbox,
    InboxEventsPurge,
    // for the console's inbox (InboxConsoleModule)
    ConversationsService,
    ReplyService,
    NotesService,
    ContactPanelService,
    CannedService,
    AgentsService,
    InboxEvents,
    Presence,
  ],
})
export class InboxModule {}
