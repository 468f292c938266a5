import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { CoreErrors } from '../common/core-errors';
import { type Limit, RateLimiter } from '../common/rate-limiter.service';
import { OtpStore } from './otp.store';
import { SMS_SENDER, type SmsSender, smsBody } from './sms/sms-sender';

const HOUR = 3600;

/** Proving control of a phone number: a code by SMS, then the code back. */
@Injectable()
export class VerificationService {
  private readonly limits: Record<'sendsPerNumber' | 'sendsPerClient' | 'checksPerNumber' | 'checksPerClient', Limit>;

  constructor(
    private readonly otp: OtpStore,
    private readonly limiter: RateLimiter,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    const o = config.core.otp;
    this.limits = {
      sendsPerNumber: { name: 'otp_sends_per_number', max: o.sendsPerNumberPerHour, windowSeconds: HOUR },
      sendsPerClient: { name: 'otp_sends_per_client', max: o.sendsPerClientPerHour, windowSeconds: HOUR },
      checksPerNumber: {
        name: 'otp_verifications_per_number',
        max: o.verificationsPerNumberPerHour,
        windowSeconds: HOUR,
      },
      checksPerClient: {
        name: 'otp_verifications_per_client',
        max: o.verificationsPerClientPerHour,
        windowSeconds: HOUR,
      },
    };
  }

  async requestCode(number: string, client: string): Promise<{ number: string; expires_in_s: number }> {
    // Every send costs money and can be abused to spam a number: both limits count every request.
    await this.limiter.hit(this.limits.sendsPerNumber, number);
    await this.limiter.hit(this.limits.sendsPerClient, client);
    const ttl = this.config.core.otp.ttlSeconds;
    const code = await this.otp.issue(number, ttl);
    await this.sms.send({ to: number, body: smsBody(code), code });
    return { number, expires_in_s: ttl };
  }

  /**
   * Throws unless `code` is the live code for `number`. Does not consume it (see `consume`). Counts the attempt
   * first and refunds it on a match, so parallel guesses cannot slip past the limit and correct codes cost nothing.
   */
  async check(number: string, code: string, client: string): Promise<void> {
    await this.limiter.hit(this.limits.checksPerNumber, number);
    await this.limiter.hit(this.limits.checksPerClient, client);
    if ((await this.otp.check(number, code, this.config.core.otp.maxAttempts)) !== 'match') {
      throw CoreErrors.codeRejected();
    }
    await this.limiter.refund(this.limits.checksPerNumber, number);
    await this.limiter.refund(this.limits.checksPerClient, client);
  }

  /** Uses the code up. A replay, or losing a race with a parallel request holding the same code, is rejected. */
  async consume(number: string, code: string): Promise<void> {
    if (!(await this.otp.consume(number, code))) throw CoreErrors.codeRejected();
  }
}
