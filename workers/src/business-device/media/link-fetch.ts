import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { acceptsMime, type MediaKind, mediaTypeRule } from '@switchboard/business/media/media-types';
import { SNIFF_BYTES } from '@switchboard/business/media/upload/sniff';
import { validateUpload } from '@switchboard/business/media/upload/validate-upload';
import { ApiError } from '@switchboard/core/errors/api-error';
import { type OutboundResponse, outboundGet, type PrivateNetworks } from '@switchboard/webhooks';
import { forward } from './forward';
import { MediaSendError } from './media-send-error';

/** A media file about to be read: `pipeTo` starts the flow (and forwards its failures) in one synchronous step. */
export interface MediaSource {
  pipeTo<T extends Writable>(target: T): T;
  /** Gives up on the file (after a failure further down). */
  discard(): void;
  mimeType: string;
  fileName?: string;
}

/** Redirects a link may take (each one's host vetted again). */
const MAX_REDIRECTS = 5;

/**
 * A `link` media, checked the way an upload is: its Content-Type must be a supported type of the message's kind, the
 * body is cut off above that type's limit, and its first bytes must look like the type (upload/sniff.ts). The whole
 * exchange, body included, must finish within `timeoutMs`; under `privateNetworks: 'deny'` no hop may resolve to a
 * private address (outbound-guard.ts). Every failure is a MediaSendError naming it — thrown here for what the
 * headers tell, or failing the returned stream for what the body tells.
 */
export async function fetchLink(
  link: string,
  kind: MediaKind,
  timeoutMs: number,
  privateNetworks: PrivateNetworks,
): Promise<MediaSource> {
  let res: OutboundResponse;
  try {
    res = await outboundGet(link, { policy: privateNetworks, timeoutMs, maxRedirects: MAX_REDIRECTS });
  } catch (err) {
    throw new MediaSendError(`link: could not fetch ${link}: ${reason(err, timeoutMs)}`);
  }
  const refuse = (why: string) => {
    res.body.destroy();
    return new MediaSendError(`link: ${why}`);
  };
  if (res.status < 200 || res.status >= 300) throw refuse(`${link} answered HTTP ${res.status}`);
  const { mimeType, rule } = mediaTypeRule(res.headers['content-type'] ?? '');
  if (!rule || !acceptsMime(kind, mimeType)) throw refuse(`Content-Type "${mimeType}" is not a supported ${kind} type`);
  const limit = rule.maxAnimatedBytes ?? rule.maxBytes;
  const declared = Number(res.headers['content-length']);
  if (declared > limit) throw refuse(`${declared} bytes is over the ${limit} bytes ${mimeType} allows`);
  // Not flowing until pipeTo, which forwards its errors (forward.ts).
  const body = res.body;
  const broke = (err: Error) => new MediaSendError(`link: the download broke off: ${reason(err, timeoutMs)}`);
  const name = safeDecode(new URL(res.url).pathname.split('/').pop() ?? '');
  return {
    pipeTo: (target) => forward(forward(body, new LinkCheck(mimeType, limit), broke), target),
    discard: () => body.destroy(),
    mimeType,
    ...(name && { fileName: name.slice(0, 240) }),
  };
}

/** Passes the body through, cut off above `limit`; at the end, the upload rules (size, sniffed content). */
class LinkCheck extends Transform {
  private size = 0;
  private readonly head: Buffer[] = [];
  private headLength = 0;

  constructor(
    private readonly mimeType: string,
    private readonly limit: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      done(new MediaSendError(`link: larger than the ${this.limit} bytes ${this.mimeType} allows`));
      return;
    }
    if (this.headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headLength);
      this.head.push(part);
      this.headLength += part.length;
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      validateUpload(
        { messaging_product: 'whatsapp', type: this.mimeType },
        { size: this.size, head: Buffer.concat(this.head), partMimeType: this.mimeType },
      );
      done();
    } catch (err) {
      done(err instanceof ApiError ? new MediaSendError(`link: ${err.details ?? err.message}`) : (err as Error));
    }
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function reason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: Error };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no complete answer within ${timeoutMs} ms`;
  return e.cause?.message ?? e.message;
}
