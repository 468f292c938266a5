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
import { NotesRepository } from './notes/notes.repository';
import { NotesService } from './notes/notes.service';
import { ReplyService } from './replies/reply.service';
import { Router } from './routing/router';
import { RoutingRepository } from './routing/routing.repository';

/**
 * The shared inbox (docs/inbox.md): conversations over the business message log, their routing to agents, notes and
 * canned responses. Exports InboxIntake, which the business device calls for every consumer message it logs, and
 * SnoozeWakeService for the worker's loop.
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
  ],
  exports: [InboxIntake, SnoozeWakeService],
})
export class InboxModule {}
