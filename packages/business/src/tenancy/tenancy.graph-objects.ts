import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GraphObjectRegistry } from '../common/graph-objects/graph-object.registry';
import { parseOrThrow } from '../common/validation';
import { BusinessesService } from './businesses.service';
import { graphReadQuery } from './inputs/business.input';

/** `GET /{waba_id}` and `GET /{phone_number_id}`. */
@Injectable()
export class TenancyGraphObjects implements OnModuleInit {
  constructor(
    private readonly registry: GraphObjectRegistry,
    private readonly businesses: BusinessesService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: 'whatsapp_business_account',
      get: (businessId, id, query) => {
        parseOrThrow(graphReadQuery, query);
        return this.businesses.read(businessId, id);
      },
    });
    this.registry.register({
      kind: 'phone_number',
      get: (businessId, id, query) => {
        parseOrThrow(graphReadQuery, query);
        return this.businesses.readNumber(businessId, id);
      },
    });
  }
}
