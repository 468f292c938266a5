import { findUnstorableText } from '@switchboard/core/common/storable-text';
import { ApiError } from '@switchboard/core/errors/api-error';
import type { FastifyInstance } from 'fastify';

/**
 * Every route's path parameters, query and JSON body are checked once, before any handler, for text Postgres cannot
 * store (NUL, unpaired surrogates): code 100 naming the field, instead of a 500 from the statement — or from a batch
 * of statements other requests share — that would have stored it.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (req, reply) => {
    const field = findUnstorableText(req.params) ?? findUnstorableText(req.query) ?? findUnstorableText(req.body, '');
    if (!field) return;
    const error = ApiError.invalidParameter(
      `${field}: contains text that cannot be stored (NUL or an unpaired surrogate)`,
    );
    return reply.status(error.status).send({ error: error.toBody(String(req.id)) });
  });
}
