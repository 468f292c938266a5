import { ApiError } from '../../../errors/api-error';
import { acceptsMime, type MediaKind, mediaTypeRule } from '../../media/media-types';
import { SNIFF_BYTES } from '../../media/upload/sniff';
import { validateUpload } from '../../media/upload/validate-upload';
import { MediaSendError } from './media-send-error';

export interface FetchedMedia {
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
}

/**
 * A `link` media, fetched the way an upload is checked: its Content-Type must be a supported type of the message's
 * kind, the body is cut off above that type's limit, and the first bytes must look like the type (upload/sniff.ts).
 * The whole exchange, body included, must finish within `timeoutMs`. Every failure is a MediaSendError naming it.
 */
export async function fetchLink(link: string, kind: MediaKind, timeoutMs: number): Promise<FetchedMedia> {
  let res: Response;
  try {
    res = await fetch(link, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    throw new MediaSendError(`link: could not fetch ${link}: ${reason(err, timeoutMs)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaSendError(`link: ${link} answered HTTP ${res.status}`);
  }
  const { mimeType, rule } = mediaTypeRule(res.headers.get('content-type') ?? '');
  if (!rule || !acceptsMime(kind, mimeType)) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaSendError(`link: Content-Type "${mimeType}" is not a supported ${kind} type`);
  }
  const limit = rule.maxAnimatedBytes ?? rule.maxBytes;
  if (Number(res.headers.get('content-length')) > limit) {
    await res.body?.cancel().catch(() => undefined);
    throw new MediaSendError(
      `link: ${res.headers.get('content-length')} bytes is over the ${limit} bytes ${mimeType} allows`,
    );
  }
  const bytes = await readCapped(res, limit, timeoutMs);
  try {
    validateUpload(
      { messaging_product: 'whatsapp', type: mimeType },
      { size: bytes.length, head: bytes.subarray(0, SNIFF_BYTES), partMimeType: mimeType },
    );
  } catch (err) {
    if (err instanceof ApiError) throw new MediaSendError(`link: ${err.details ?? err.message}`);
    throw err;
  }
  const name = decodeURIComponent(new URL(res.url || link).pathname.split('/').pop() ?? '');
  return { bytes, mimeType, ...(name && { fileName: name.slice(0, 240) }) };
}

async function readCapped(res: Response, limit: number, timeoutMs: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body ?? []) {
      size += chunk.length;
      if (size > limit) {
        await res.body?.cancel().catch(() => undefined);
        throw new MediaSendError(`link: larger than the ${limit} bytes its type allows`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof MediaSendError) throw err;
    throw new MediaSendError(`link: the download broke off: ${reason(err, timeoutMs)}`);
  }
  return Buffer.concat(chunks);
}

function reason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: Error };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no complete answer within ${timeoutMs} ms`;
  return e.cause?.message ?? e.message;
}
