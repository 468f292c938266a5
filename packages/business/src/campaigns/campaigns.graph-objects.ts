import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GraphObjectRegistry } from '../common/graph-objects/graph-object.registry';
import { CampaignsService } from './campaigns.service';

/** `GET /{campaign_id}`: the campaign as `/{waba_id}/campaigns/{campaign_id}` shows it, the Graph way. */
@Injectable()
export class CampaignGraphObjects implements OnModuleInit {
  constructor(
    private readonly registry: GraphObjectRegistry,
    private readonly campaigns: CampaignsService,
  ) {}

  onModuleInit(): void {
    this.registry.register({ kind: 'campaign', get: (businessId, id) => this.campaigns.read(businessId, id) });
  }
}
