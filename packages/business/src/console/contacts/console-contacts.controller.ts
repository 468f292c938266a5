import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { valid } from '@switchboard/core/common/zod.pipe';
import { z } from 'zod';
import { CREATE_BODY_LIMIT } from '../../campaigns/inputs/campaign.input';
import { pageOrderQuery } from '../../common/paging';
import { RequestUrl } from '../../common/request-url';
import { ContactsService } from '../../contacts/contacts.service';
import { type ContactImportBody, contactImportBody } from '../../contacts/import/contact-import.input';
import { ContactImport } from '../../contacts/import/contact-import.service';
import {
  contactParams,
  type EditContactBody,
  editContactBody,
  listContactsQuery,
} from '../../contacts/inputs/contact.input';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';

/** The console's list also sorts by number either way. */
const consoleListContactsQuery = listContactsQuery.extend({ order: pageOrderQuery });
type ConsoleListContactsQuery = z.output<typeof consoleListContactsQuery>;

const consoleContactParams = contactParams.omit({ waba_id: true }).extend({ businessId: z.string().min(1).max(64) });

/**
 * The contacts the business talks to, searched and paged by number (the business API's service; any role reads).
 * Agents, who talk to the customers, edit a contact's name, tags and attributes; owners and admins import a CSV.
 */
@Controller('console/v1/businesses/:businessId/contacts')
@UseGuards(ConsoleSessionGuard)
export class ConsoleContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly imports: ContactImport,
  ) {}

  @Get()
  list(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(consoleListContactsQuery)) q: ConsoleListContactsQuery,
    @RequestUrl() url: URL,
  ) {
    return this.contacts.list(p.businessId, q, url);
  }

  @Get(':wa_id')
  get(@Param(valid(consoleContactParams)) p: z.infer<typeof consoleContactParams>) {
    return this.contacts.get(p.businessId, p.wa_id);
  }

  @Get(':wa_id/opt_history')
  optHistory(@Param(valid(consoleContactParams)) p: z.infer<typeof consoleContactParams>) {
    return this.contacts.optHistory(p.businessId, p.wa_id);
  }

  @Patch(':wa_id')
  @ConsoleRoles('owner', 'admin', 'agent')
  edit(
    @Param(valid(consoleContactParams)) p: z.infer<typeof consoleContactParams>,
    @Body(valid(editContactBody)) body: EditContactBody,
  ) {
    return this.contacts.edit(p.businessId, p.wa_id, body);
  }

  /** The body may carry a 5 MB CSV, escaped in JSON: the campaign create's raised body limit. */
  @Post('import')
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: CREATE_BODY_LIMIT })
  import(@Param(valid(businessParams)) p: BusinessParams, @Body(valid(contactImportBody)) body: ContactImportBody) {
    return this.imports.import(p.businessId, body);
  }
}
