import { Controller, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { valid } from '@switchboard/core/common/zod.pipe';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GRAPH_ID } from '../../common/ids';
import { MediaService } from '../../media/media.service';
import { type BusinessParams, businessParams } from '../members/inputs/member.input';
import { ConsoleRoles, ConsoleSessionGuard } from '../session/console-session.guard';

const consoleUploadQuery = z.object({
  phone_number_id: z.string().regex(GRAPH_ID, 'expected a phone number id'),
});

/**
 * The template editor's sample upload for a media header: the multipart upload of POST /{phone_number_id}/media (the
 * same checks of type and size, the same storage), behind a console session. Its id is the header's example handle.
 */
@Controller('console/v1/businesses/:businessId/media')
@UseGuards(ConsoleSessionGuard)
export class ConsoleMediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  @ConsoleRoles('owner', 'admin')
  @HttpCode(200)
  upload(
    @Param(valid(businessParams)) p: BusinessParams,
    @Query(valid(consoleUploadQuery)) q: z.output<typeof consoleUploadQuery>,
    @Req() req: FastifyRequest,
  ) {
    return this.media.upload(p.businessId, q.phone_number_id, req, { messaging_product: 'whatsapp' });
  }
}
