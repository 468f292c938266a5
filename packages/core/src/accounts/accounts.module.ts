import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { CONFIG, RedisService } from '@switchboard/platform';
import { AuthModule } from '../auth/auth.module';
import { RateLimiter } from '../common/rate-limiter.service';
import { DevicesModule } from '../devices/devices.module';
import { CodeCooldown } from './code-cooldown';
import { DevSmsController } from './dev-sms.controller';
import { OtpStore } from './otp.store';
import { PinController } from './pin.controller';
import { PinService } from './pin.service';
import { RegistrationService } from './registration.service';
import { DevSmsSender } from './sms/dev-sms.sender';
import { HttpSmsSender, UnconfiguredSmsSender } from './sms/http-sms.sender';
import { SMS_SENDER } from './sms/sms-sender';
import { VerificationController } from './verification.controller';
import { VerificationService } from './verification.service';

// A provider URL wins in any environment; without one, development logs codes and production refuses to send.
const smsSender: Provider = {
  provide: SMS_SENDER,
  inject: [CONFIG, RedisService],
  useFactory: (config: Config, redis: RedisService) => {
    const { providerUrl, providerToken } = config.core.sms;
    if (providerUrl) return new HttpSmsSender(providerUrl, providerToken);
    if (config.env === 'production') return new UnconfiguredSmsSender();
    return new DevSmsSender(redis.client, config.core.otp.ttlSeconds);
  },
};

/** Registration by phone number (code by SMS) and the two-step verification PIN. */
@Module({})
export class AccountsModule {
  static forRoot(config: Config): DynamicModule {
    // The endpoint that reads codes exists only where codes are fake: never in production, never with a real provider.
    const devCodes = config.env !== 'production' && !config.core.sms.providerUrl;
    return {
      module: AccountsModule,
      imports: [AuthModule, DevicesModule],
      controllers: [VerificationController, PinController, ...(devCodes ? [DevSmsController] : [])],
      providers: [smsSender, OtpStore, CodeCooldown, VerificationService, RegistrationService, PinService, RateLimiter],
    };
  }
}
