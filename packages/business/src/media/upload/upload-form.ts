import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { ApiError } from '@switchboard/core/errors/api-error';
import { MAX_MEDIA_BYTES } from '../media-types';

export interface FilePart {
  filename?: string;
  /** The part's own Content-Type (curl's `-F 'file=@x.jpg;type=image/jpeg'`). */
  mimeType: string;
  stream: Readable;
  /** Text fields that came before the file: `type` may be known already, or only after. */
  fieldsBefore: Readonly<Record<string, string>>;
}

const FIELD_LIMITS = { fieldNameSize: 100, fieldSize: 1024, fields: 10, files: 1, parts: 20, headerPairs: 100 };

/**
 * Reads `POST /{phone_number_id}/media`'s multipart form as it streams: text fields are collected, the one `file`
 * part is handed to `onFile`, which must consume it (the next part only arrives once it has). Fields may come in any
 * order, so the caller validates `type` after the whole form is read. `fromQuery`: parameters given in the query
 * string, known before any part; a form field of the same name replaces one.
 */
export async function readUploadForm<T>(
  req: FastifyRequest,
  fromQuery: Readonly<Record<string, string | undefined>>,
  onFile: (part: FilePart) => Promise<T>,
): Promise<{ fields: Record<string, string>; file?: T }> {
  if (!req.isMultipart()) throw ApiError.invalidParameter('file: expected a multipart/form-data upload');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(fromQuery)) if (v !== undefined) fields[k] = v;
  let file: T | undefined;
  let seenFile = false;
  try {
    // One byte over the largest type's limit: the upload's own check (which knows the type) fails first.
    for await (const part of req.parts({ limits: { ...FIELD_LIMITS, fileSize: MAX_MEDIA_BYTES + 1 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || seenFile) {
        part.file.resume();
        throw ApiError.invalidParameter(`${part.fieldname}: only one file, in the field "file", is accepted`);
      }
      seenFile = true;
      file = await onFile({
        filename: part.filename || undefined,
        mimeType: part.mimetype,
        stream: part.file,
        fieldsBefore: { ...fields },
      });
    }
  } catch (err) {
    throw malformedForm(err) ?? err;
  }
  return { fields, file };
}

/**
 * The multipart parser's own errors (a body that ends before its closing boundary, a truncated part) carry neither
 * an HTTP status nor a system error code: they are the client's malformed form, not a fault of ours. Limits
 * (413) and storage failures (ENOSPC...) keep their own meaning.
 */
function malformedForm(err: unknown): ApiError | undefined {
  if (err instanceof ApiError || !(err instanceof Error)) return undefined;
  if ('statusCode' in err || 'errno' in err) return undefined;
  return ApiError.invalidParameter(`file: the multipart form is malformed or ended early (${err.message})`);
}
