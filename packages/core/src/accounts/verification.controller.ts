import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ClientAddress } from '../common/client-address';
import { valid } from '../common/zod.pipe';
import {
  type RegisterInput,
  type RequestCodeInput,
  registerInput,
  requestCodeInput,
} from './inputs/verification.input';
import { RegistrationService } from './registration.service';
import { VerificationService } from './verification.service';

@Controller('v1/accounts')
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly registration: RegistrationService,
  ) {}

  /** Sends a verification code to the number. */
  @Post('verification')
  @HttpCode(202)
  requestCode(@Body(valid(requestCodeInput)) input: RequestCodeInput, @ClientAddress() client: string) {
    return this.verification.requestCode(input.number, client);
  }

  /** Verifies the code and registers the number on the calling device as its primary. */
  @Post('registration')
  @HttpCode(201)
  register(@Body(valid(registerInput)) input: RegisterInput, @ClientAddress() client: string) {
    return this.registration.register(input, client);
  }
}
