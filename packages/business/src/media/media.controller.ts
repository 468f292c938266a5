import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AuthenticatedBusiness, BusinessAuthGuard, CurrentBusiness } from '../auth/business-auth.guard';
import { valid } from '../common/validation';
import { downloadParams, downloadQuery, uploadQuery } from './inputs/media.input';
import { MediaService } from './media.service';

/**
 * `POST /{phone_number_id}/media` (multipart upload) and the download URL that `GET /{media_id}` hands out
 * (`/media/{media_id}/download`, a Switchboard extension: Meta serves it from its CDN). Reading and deleting the
 * media object go through MediaGraphObjects.
 */
@Controller()
@UseGuards(BusinessAuthGuard)
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post(':phone_number_id/media')
  @HttpCode(200)
  upload(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param('phone_number_id') phoneNumberId: string,
    @Query(valid(uploadQuery)) q: z.output<typeof uploadQuery>,
    @Req() req: FastifyRequest,
  ) {
    return this.media.upload(b.businessId, phoneNumberId, req, q);
  }

  @Get('media/:media_id/download')
  async download(
    @CurrentBusiness() b: AuthenticatedBusiness,
    @Param(valid(downloadParams)) p: z.output<typeof downloadParams>,
    @Query(valid(downloadQuery)) q: z.output<typeof downloadQuery>,
  ) {
    const file = await this.media.download(b.businessId, p.media_id, q.expires, q.signature);
    const name = file.media.filename ?? file.media.id;
    return new StreamableFile(file.stream, {
      type: file.media.mimeType,
      length: file.size,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }
}
