import { Logger } from '@nestjs/common';
import type { Redis } from '@switchboard/redis';
import type { SmsMessage, SmsSender } from './sms-sender';

export interface DevSms {
  number: string;
  code: string;
  body: string;
  sent_at: string;
}

/**
 * Development and tests: the "SMS" is logged and kept in Redis (shared by every API process) until the code would
 * expire, for the development-only endpoint to show. Never used in production.
 */
export class DevSmsSender implements SmsSender {
  private readonly log = new Logger('DevSms');

  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  async send({ to, body, code }: SmsMessage): Promise<void> {
    this.log.log(`SMS to ${to}: ${body}`);
    const sms: DevSms = { number: to, code, body, sent_at: new Date().toISOString() };
    await this.redis.set(devSmsKey(to), JSON.stringify(sms), 'EX', this.ttlSeconds);
  }

  async last(number: string): Promise<DevSms | undefined> {
    const raw = await this.redis.get(devSmsKey(number));
    return raw ? (JSON.parse(raw) as DevSms) : undefined;
  }
}

const devSmsKey = (number: string) => `dev:sms:${number}`;
