import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import { z } from 'zod';
import { RequestUrl } from '../../common/request-url';
import { ContactsService } from '../../contacts/contacts.service';
import { contactParams, type ListContactsQuery, listContactsQuery } from '../../contacts/inputs/contact.input';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleSessionGuard } from '../session/console-session.guard';

const consoleContactParams = contactParams.omit({ waba_id: true }).extend({ businessId: z.string().min(1).max(64) });

/** The contacts the business talks to, searched and paged by number (the business API's service; any role reads). */
@Controller('console/v1/businesses/:businessId/contacts')
@UseGuards(ConsoleSessionGuard)
export class ConsoleContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(listContactsQuery)) q: ListContactsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.contacts.list(p.businessId, q, url);
  }

  @Get(':wa_id')
  get(@Param(valid(consoleContactParams)) p: z.infer<typeof consoleContactParams>) {
    return this.contacts.get(p.businessId, p.wa_id);
  }
}
