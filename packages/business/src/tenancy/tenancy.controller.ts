import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { BusinessesService } from './businesses.service';
import { apiKeyParams, type CreateApiKeyBody, createApiKeyBody } from './inputs/api-key.input';
import { listQuery } from './inputs/business.input';

/**
 * The WABA's collections: phone numbers (Graph) and API keys (a Switchboard extension). `GET /{waba_id}` and
 * `GET /{phone_number_id}` are Graph objects, served through TenancyGraphObjects. The guard has already checked that
 * `waba_id` is the caller's.
 */
@Controller(':waba_id')
@UseGuards(BusinessAuthGuard)
export class TenancyController {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly keys: ApiKeysService,
  ) {}

  @Get('phone_numbers')
  numbers(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listQuery)) q: typeof listQuery._output,
    @RequestUrl() url: URL,
  ) {
    return this.businesses.listNumbers(b.businessId, q, url);
  }

  @Get('api_keys')
  keysList(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listQuery)) q: typeof listQuery._output,
    @RequestUrl() url: URL,
  ) {
    return this.keys.list(b.businessId, q, url);
  }

  @Post('api_keys')
  @HttpCode(200)
  createKey(@CurrentBusiness() b: AuthenticatedBusiness, @Body(valid(createApiKeyBody)) body: CreateApiKeyBody) {
    return this.keys.create(b.businessId, body.name);
  }

  @Delete('api_keys/:api_key_id')
  revokeKey(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(apiKeyParams)) p: typeof apiKeyParams._output) {
    return this.keys.revoke(b.businessId, p.api_key_id);
  }
}
