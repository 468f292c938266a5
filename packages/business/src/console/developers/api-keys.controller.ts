import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { ApiKeysService } from '../../auth/api-keys.service';
import { RequestUrl } from '../../common/request-url';
import { type CreateApiKeyBody, createApiKeyBody } from '../../tenancy/inputs/api-key.input';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';
import { type ApiKeyParams, apiKeyParams, type ListApiKeysQuery, listApiKeysQuery } from './inputs/api-key.input';

/**
 * The Developers page's API keys: the business API's own key service, behind a console session. A key can do
 * everything the business can, so only owners and admins see, mint or revoke them.
 */
@Controller('console/v1/businesses/:businessId/api_keys')
@UseGuards(ConsoleSessionGuard)
export class ConsoleApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ConsoleRoles('owner', 'admin')
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listApiKeysQuery)) q: ListApiKeysQuery,
    @RequestUrl() url: URL,
  ) {
    return this.keys.list(p.businessId, q, url);
  }

  @Post()
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  create(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(createApiKeyBody)) body: CreateApiKeyBody) {
    return this.keys.create(p.businessId, body.name);
  }

  @Delete(':apiKeyId')
  @ConsoleRoles('owner', 'admin')
  revoke(@Param(valid(apiKeyParams)) p: ApiKeyParams) {
    return this.keys.revoke(p.businessId, p.apiKeyId);
  }
}
