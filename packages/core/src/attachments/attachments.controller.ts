import type { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AuthenticatedDevice, CurrentDevice, DeviceAuthGuard } from '../auth/device-auth.guard';
import { valid } from '../common/zod.pipe';
import { ApiError } from '../errors/api-error';
import { AttachmentErrors } from './attachment-errors';
import { AttachmentsService } from './attachments.service';
import { attachmentParams, uploadQuery } from './inputs/attachment.input';

/**
 * `POST /v1/attachments` (the encrypted blob as application/octet-stream, streamed to storage) and
 * `GET /v1/attachments/{attachment_id}` (any device with the id; the key never reaches the server).
 */
@Controller('v1/attachments')
@UseGuards(DeviceAuthGuard)
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(200)
  async upload(
    @CurrentDevice() device: AuthenticatedDevice,
    @Query(valid(uploadQuery)) q: z.output<typeof uploadQuery>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // bootstrap.ts hands application/octet-stream bodies over unread: this route streams them.
    const body = req.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') throw AttachmentErrors.empty();
    try {
      const declared = Number(req.headers['content-length']);
      if (declared > this.attachments.maxBytes) throw AttachmentErrors.tooLarge(this.attachments.maxBytes);
      const stored = await this.attachments.store(device.accountId, body, q.expires_in_s);
      return { id: stored.id, expires_at: stored.expiresAt.toISOString() };
    } catch (err) {
      // The rest of an oversize body is not worth reading: answer, then close the connection.
      if (err instanceof ApiError && err.status === 413) reply.header('connection', 'close');
      throw err;
    }
  }

  @Get(':attachment_id')
  async download(@Param(valid(attachmentParams)) p: z.output<typeof attachmentParams>) {
    const file = await this.attachments.open(p.attachment_id);
    if (!file) throw AttachmentErrors.notFound(p.attachment_id);
    return new StreamableFile(file.stream, { type: 'application/octet-stream', length: file.size });
  }
}
