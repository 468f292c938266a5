import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { ApiError } from '@switchboard/core/errors/api-error';
import { CONFIG } from '@switchboard/platform';
import { assertPublicUrl, OutboundRefused, verifyCallback } from '@switchboard/webhooks';

/**
 * Checks a callback URL before anything is saved: the form (http(s), https only when WEBHOOK_REQUIRE_HTTPS), the
 * address it resolves to (OUTBOUND_PRIVATE_NETWORKS), then Meta's GET handshake. Any failing is a 100 whose details
 * say what to fix.
 */
@Injectable()
export class CallbackVerifier {
  constructor(@Inject(CONFIG) private readonly config: Config) {}

  async verify(callbackUrl: string, verifyToken: string): Promise<void> {
    const url = this.checkForm(callbackUrl);
    const { privateNetworks } = this.config.outbound;
    try {
      await assertPublicUrl(url, privateNetworks);
    } catch (err) {
      if (err instanceof OutboundRefused) throw ApiError.invalidParameter(`callback_url: ${err.message}`);
      throw err;
    }
    const result = await verifyCallback(callbackUrl, verifyToken, this.config.webhooks.timeoutMs, privateNetworks);
    if (!result.ok) {
      throw new ApiError(400, 100, '(#100) Callback verification failed', result.reason);
    }
  }

  private checkForm(callbackUrl: string): URL {
    let url: URL;
    try {
      url = new URL(callbackUrl);
    } catch {
      throw ApiError.invalidParameter('callback_url: expected an absolute http(s) URL');
    }
    const allowed = this.config.webhooks.requireHttps ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) {
      throw ApiError.invalidParameter(
        `callback_url: expected an ${allowed.map((p) => p.slice(0, -1)).join(' or ')} URL`,
      );
    }
    if (url.hash) throw ApiError.invalidParameter('callback_url: must not have a #fragment');
    return url;
  }
}
