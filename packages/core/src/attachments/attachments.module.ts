import { Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { AuthModule } from '../auth/auth.module';
import { LocalDiskStorage } from '../storage/local-disk.storage';
import { AttachmentPurgeService } from './attachment-purge.service';
import { ATTACHMENT_STORAGE } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/**
 * Encrypted attachments: upload, download, expiry. Exports AttachmentsService: the business device (worker process)
 * uploads and downloads blobs in-process, as it sends through CoreLink.
 */
@Module({
  imports: [AuthModule],
  controllers: [AttachmentsController],
  providers: [
    {
      provide: ATTACHMENT_STORAGE,
      inject: [CONFIG],
      useFactory: (config: Config) => new LocalDiskStorage(config.core.attachments.dir),
    },
    AttachmentsService,
    AttachmentPurgeService,
  ],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
