import { Injectable } from '@nestjs/common';
import { ApiError } from '@switchboard/core/errors/api-error';
import { GRAPH_ID } from '../ids';

/**
 * One kind of object reachable at `/{id}` (a WABA, a phone number, a template, a media file). Each method answers
 * `undefined` when `id` is not an object of this kind owned by `businessId` — so another business's object and a
 * missing one look the same — or the response body.
 */
export interface GraphObjectHandler {
  kind: string;
  get?(businessId: string, id: string, query: Record<string, unknown>): Promise<unknown>;
  post?(businessId: string, id: string, body: unknown): Promise<unknown>;
  delete?(businessId: string, id: string): Promise<unknown>;
}

export type GraphMethod = 'get' | 'post' | 'delete';

/**
 * Fastify holds one route per method and path, yet several features serve `GET /{id}`; features register a handler
 * here at module init and the one controller asks them in turn. Graph ids are unique across kinds, so the first
 * handler to answer is the only one that could.
 */
@Injectable()
export class GraphObjectRegistry {
  private readonly handlers: GraphObjectHandler[] = [];

  register(handler: GraphObjectHandler): void {
    if (this.handlers.some((h) => h.kind === handler.kind))
      throw new Error(`graph object kind "${handler.kind}" twice`);
    this.handlers.push(handler);
  }

  async dispatch(method: GraphMethod, businessId: string, id: string, payload: unknown): Promise<unknown> {
    if (GRAPH_ID.test(id)) {
      for (const handler of this.handlers) {
        const result = await this.call(handler, method, businessId, id, payload);
        if (result !== undefined) return result;
      }
    }
    throw ApiError.notFound(`object '${id}'`);
  }

  private call(h: GraphObjectHandler, method: GraphMethod, businessId: string, id: string, payload: unknown) {
    if (method === 'get') return h.get?.(businessId, id, (payload ?? {}) as Record<string, unknown>);
    if (method === 'post') return h.post?.(businessId, id, payload);
    return h.delete?.(businessId, id);
  }
}
