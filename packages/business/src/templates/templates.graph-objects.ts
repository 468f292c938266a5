import { Injectable, type OnModuleInit } from '@nestjs/common';
import { z } from 'zod';
import { GraphObjectRegistry } from '../common/graph-objects/graph-object.registry';
import { parseOrThrow } from '../common/validation';
import { editTemplateBody } from './inputs/template-body.input';
import { TemplatesService } from './templates.service';

const readQuery = z.object({ fields: z.string().max(1000).optional() });

/** `GET /{template_id}` and `POST /{template_id}` (edit). */
@Injectable()
export class TemplateGraphObjects implements OnModuleInit {
  constructor(
    private readonly registry: GraphObjectRegistry,
    private readonly templates: TemplatesService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      kind: 'message_template',
      get: (businessId, id, query) => {
        parseOrThrow(readQuery, query);
        return this.templates.read(businessId, id);
      },
      post: async (businessId, id, body) => {
        // Look the template up first: another kind's id must fall through to its own handler, not fail validation.
        if (!(await this.templates.read(businessId, id))) return undefined;
        return this.templates.edit(businessId, id, parseOrThrow(editTemplateBody, body));
      },
    });
  }
}
