import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { pageQuery } from '../../common/paging';
import { RequestUrl } from '../../common/request-url';
import { valid } from '../../common/validation';
import { ConsoleSessionGuard } from '../../console/session/console-session.guard';
import { CannedService } from '../canned/canned.service';
import { consoleInboxParams } from './console-inbox.input';

const listQuery = z.object(pageQuery);

/** The business's canned responses for the console's reply box (any member reads them). */
@Controller('console/v1/businesses/:businessId/canned_responses')
@UseGuards(ConsoleSessionGuard)
export class ConsoleCannedController {
  constructor(private readonly canned: CannedService) {}

  @Get()
  list(
    @Param(valid(consoleInboxParams)) { businessId }: z.infer<typeof consoleInboxParams>,
    @Query(valid(listQuery)) q: z.output<typeof listQuery>,
    @RequestUrl() url: URL,
  ) {
    return this.canned.list(businessId, q, url);
  }
}
