import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { RequestUrl } from '../common/request-url';
import { valid } from '../common/validation';
import { ContactsService } from './contacts.service';
import {
  type ContactParams,
  contactParams,
  type ListContactsQuery,
  listContactsQuery,
  type OptBody,
  optBody,
  type UpsertContactBody,
  upsertContactBody,
} from './inputs/contact.input';

/** `/{waba_id}/contacts…`: a Switchboard extension (the Cloud API keeps no contact book). */
@Controller(':waba_id/contacts')
@UseGuards(BusinessAuthGuard)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  list(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Query(valid(listContactsQuery)) q: ListContactsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.contacts.list(b.businessId, q, url);
  }

  @Post()
  @HttpCode(200)
  upsert(@CurrentBusiness() b: AuthenticatedBusiness, @Body(valid(upsertContactBody)) body: UpsertContactBody) {
    return this.contacts.upsert(b.businessId, body);
  }

  @Get(':wa_id')
  get(@CurrentBusiness() b: AuthenticatedBusiness, @Param(valid(contactParams)) p: ContactParams) {
    return this.contacts.get(b.businessId, p.wa_id);
  }

  @Post(':wa_id/opt_in')
  @HttpCode(200)
  optIn(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(contactParams)) p: ContactParams,
    @Body(valid(optBody)) body: OptBody,
  ) {
    return this.contacts.setOpt(b.businessId, p.wa_id, 'OPTED_IN', body.source);
  }

  @Post(':wa_id/opt_out')
  @HttpCode(200)
  optOut(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(contactParams)) p: ContactParams,
    @Body(valid(optBody)) body: OptBody,
  ) {
    return this.contacts.setOpt(b.businessId, p.wa_id, 'OPTED_OUT', body.source);
  }
}
