import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../../auth/business-auth.guard';
import { GraphObjectRegistry } from './graph-object.registry';

/** `GET|POST|DELETE /{object_id}`: whichever feature owns the id answers (see GraphObjectRegistry). */
@Controller()
@UseGuards(BusinessAuthGuard)
export class GraphObjectsController {
  constructor(private readonly registry: GraphObjectRegistry) {}

  @Get(':object_id')
  read(@CurrentBusiness() b: AuthenticatedBusiness, @Param('object_id') id: string, @Query() query: unknown) {
    return this.registry.dispatch('get', b.businessId, id, query);
  }

  @Post(':object_id')
  @HttpCode(200)
  update(@CurrentBusiness() b: AuthenticatedBusiness, @Param('object_id') id: string, @Body() body: unknown) {
    return this.registry.dispatch('post', b.businessId, id, body ?? {});
  }

  @Delete(':object_id')
  remove(@CurrentBusiness() b: AuthenticatedBusiness, @Param('object_id') id: string) {
    return this.registry.dispatch('delete', b.businessId, id, undefined);
  }
}
