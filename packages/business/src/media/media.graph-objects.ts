import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GraphObjectRegistry } from '../common/graph-objects/graph-object.registry';
import { parseOrThrow } from '../common/validation';
import { mediaObjectQuery } from './inputs/media.input';
import { MediaService } from './media.service';

/** `GET /{media_id}` (the media object with a fresh download URL) and `DELETE /{media_id}`. */
@Injectable()
export class MediaGraphObjects implements OnModuleInit {
  constructor(
    private readonly registry: GraphObjectRegistry,
    private readonly media: MediaService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: 'media',
      get: async (businessId, id, query) => {
        // Only a media id of this business may fail on its query: another kind's id falls through untouched.
        if (!(await this.media.find(businessId, id))) return undefined;
        return this.media.read(businessId, id, parseOrThrow(mediaObjectQuery, query).phone_number_id);
      },
      delete: (businessId, id) => this.media.remove(businessId, id),
    });
  }
}
