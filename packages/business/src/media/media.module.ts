import { Module } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { LocalDiskStorage } from '@switchboard/core/storage/local-disk.storage';
import { CONFIG } from '@switchboard/platform';
import { BusinessAuthModule } from '../auth/business-auth.module';
import { GraphIdsModule } from '../common/ids.module';
import { MediaController } from './media.controller';
import { MediaGraphObjects } from './media.graph-objects';
import { MediaService } from './media.service';
import { MediaPurgeService } from './media-purge.service';
import { MEDIA_STORAGE } from './storage/media-storage';

/** Uploaded media. Exports MediaService: sends check media ids against it, the send pipeline reads the bytes. */
@Module({
  imports: [BusinessAuthModule, GraphIdsModule],
  controllers: [MediaController],
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [CONFIG],
      useFactory: (config: Config) => new LocalDiskStorage(config.business.media.dir),
    },
    MediaService,
    MediaGraphObjects,
    MediaPurgeService,
  ],
  exports: [MediaService, MEDIA_STORAGE],
})
export class MediaModule {}
