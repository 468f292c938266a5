import { Module } from '@nestjs/common';
import { BusinessAuthModule } from './auth/business-auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { GraphObjectsModule } from './common/graph-objects/graph-objects.module';
import { ConsoleModule } from './console/console.module';
import { ContactsModule } from './contacts/contacts.module';
import { FlowsModule } from './flows/flows.module';
import { InboxModule } from './inbox/inbox.module';
import { InboxConsoleModule } from './inbox/inbox-console.module';
import { MediaModule } from './media/media.module';
import { MessagesModule } from './messages/messages.module';
import { TemplatesModule } from './templates/templates.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { BusinessWebhooksModule } from './webhooks/webhooks.module';

/**
 * The business layer: the Cloud-API-compatible REST API (docs/business.md). One import per feature; the shared
 * `/{object_id}` routes come first so features can register their objects at init.
 */
@Module({
  imports: [
    GraphObjectsModule,
    BusinessAuthModule,
    TenancyModule,
    TemplatesModule,
    ContactsModule,
    BusinessWebhooksModule,
    MediaModule,
    MessagesModule,
    CampaignsModule,
    FlowsModule,
    InboxModule,
    ConsoleModule,
    InboxConsoleModule,
  ],
})
export class BusinessModule {}
