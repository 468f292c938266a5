import { Controller, Get, Inject, Query } from '@nestjs/common';
import { valid } from '../common/zod.pipe';
import { ApiError } from '../errors/api-error';
import { devCodeQuery } from './inputs/verification.input';
import type { DevSmsSender } from './sms/dev-sms.sender';
import { SMS_SENDER } from './sms/sms-sender';

/** Development only (not mounted when NODE_ENV=production): the last code "sent" to a number. */
@Controller('v1/dev/verification-codes')
export class DevSmsController {
  constructor(@Inject(SMS_SENDER) private readonly sms: DevSmsSender) {}

  @Get()
  async last(@Query(valid(devCodeQuery)) query: { number: string }) {
    const sms = await this.sms.last(query.number);
    if (!sms) throw ApiError.notFound(`verification code for ${query.number}`);
    return sms;
  }
}
