import { Module } from '@nestjs/common';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ContactsModule } from '../contacts/contacts.module';
import { FlowsModule } from '../flows/flows.module';
import { LimitsModule } from '../limits/limits.module';
import { MediaModule } from '../media/media.module';
import { MessagesModule } from '../messages/messages.module';
import { TemplatesModule } from '../templates/templates.module';
import { BusinessWebhooksModule } from '../webhooks/webhooks.module';
import { ConsoleAuthController } from './auth/auth.controller';
import { ConsoleAuth } from './auth/console-auth.service';
import { CampaignCheck } from './campaigns/campaign-check.service';
import { ConsoleCampaignsController } from './campaigns/console-campaigns.controller';
import { ConsoleContactsController } from './contacts/console-contacts.controller';
import { ConsoleApiKeysController } from './developers/api-keys.controller';
import { ConsoleWebhooksController } from './developers/webhooks.controller';
import { ConsoleFlowRunsController } from './flows/console-flow-runs.controller';
import { ConsoleFlowsController } from './flows/console-flows.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MeController } from './me/me.controller';
import { ConsoleMediaController } from './media/console-media.controller';
import { MembersController } from './members/members.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { OverviewController } from './overview/overview.controller';
import { OverviewRepository } from './overview/overview.repository';
import { ConsoleOriginGuard, ConsoleSessionGuard } from './session/console-session.guard';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { ConsoleTemplatesController } from './templates/console-templates.controller';

/**
 * The console's API (`/console/v1/…`, docs/console.md): operators sign in with Better Auth; every route resolves the
 * session cookie to a user, and on a business's routes to their membership and role (ConsoleSessionGuard).
 */
@Module({
  imports: [
    CampaignsModule,
    BusinessAuthModule,
    BusinessWebhooksModule,
    TemplatesModule,
    ContactsModule,
    LimitsModule,
    MessagesModule,
    MediaModule,
    FlowsModule,
  ],
  controllers: [
    ConsoleAuthController,
    InvitationsController,
    MeController,
    SessionsController,
    MembersController,
    OverviewController,
    ConsoleCampaignsController,
    ConsoleApiKeysController,
    ConsoleWebhooksController,
    ConsoleTemplatesController,
    ConsoleContactsController,
    ConsoleMediaController,
    ConsoleFlowsController,
    ConsoleFlowRunsController,
  ],
  providers: [
    ConsoleAuth,
    ConsoleSessionGuard,
    ConsoleOriginGuard,
    MembersRepository,
    MembersService,
    InvitationsService,
    SessionsRepository,
    OverviewRepository,
    CampaignCheck,
  ],
  exports: [ConsoleAuth, MembersRepository, ConsoleSessionGuard],
})
export class ConsoleModule {}
