import { Inject, Injectable } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG } from '@switchboard/platform';
import { CoreErrors } from '../common/core-errors';
import { type Limit, RateLimiter } from '../common/rate-limiter.service';
import { CodeCooldown } from './code-cooldown';
import { OtpStore } from './otp.store';
import { SMS_SENDER, type SmsSender, smsBody } from './sms/sms-sender';

const HOUR = 3600;

/**
 * Proving control of a phone number: a code by SMS, then the code back. Nothing here locks a number: guesses are
 * limited per issued code (OTP_MAX_ATTEMPTS burn it) and per client address, and codes per number by a cooldown, so
 * a stranger's guesses or requests cannot keep the owner from registering with a fresh code.
 */
@Injectable()
export class VerificationService {
  private readonly limits: Record<'sendsPerClient' | 'checksPerClient', Limit>;

  constructor(
    private readonly otp: OtpStore,
    private readonly cooldown: CodeCooldown,
    private readonly limiter: RateLimiter,
    @Inject(SMS_SENDER) private readonly sms: SmsSender,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    const o = config.core.otp;
    this.limits = {
      sendsPerClient: { name: 'otp_sends_per_client', max: o.sendsPerClientPerHour, windowSeconds: HOUR },
      checksPerClient: {
        name: 'otp_verifications_per_client',
        max: o.verificationsPerClientPerHour,
        windowSeconds: HOUR,
      },
    };
  }

  async requestCode(number: string, client: string): Promise<{ number: string; expires_in_s: number }> {
    // Every send costs money and can be abused to spam a number: the client's budget counts every request (refused
    // ones too, so a flood from one address runs dry), then the number's cooldown decides.
    await this.limiter.hit(this.limits.sendsPerClient, client);
    await this.cooldown.take(number);
    const ttl = this.config.core.otp.ttlSeconds;
    const code = await this.otp.issue(number, ttl);
    await this.sms.send({ to: number, body: smsBody(code), code });
    return { number, expires_in_s: ttl };
  }

  /**
   * Throws unless `code` is the live code for `number`. Does not consume it (see `consume`). Counts the attempt
   * against the client first and refunds it on a match, so parallel guesses cannot slip past the limit and correct
   * codes cost nothing; a wrong guess also counts against the code itself.
   */
  async check(number: string, code: string, client: string): Promise<void> {
    await this.limiter.hit(this.limits.checksPerClient, client);
    if ((await this.otp.check(number, code, this.config.core.otp.maxAttempts)) !== 'match') {
      throw CoreErrors.codeRejected();
    }
    await this.limiter.refund(this.limits.checksPerClient, client);
  }

  /** Uses the code up. A replay, or losing a race with a parallel request holding the same code, is rejected. */
  async consume(number: string, code: string): Promise<void> {
    if (!(await this.otp.consume(number, code))) throw CoreErrors.codeRejected();
  }
}
