import { Injectable } from '@nestjs/common';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';
import { ProvisioningBusyError, ProvisioningService } from '../../../apps/api/src/business/device/provisioning.service';

/** Thin handler: provisioning lives with the business device in the API's business layer. */
@Injectable()
export class DevicesHandlers {
  constructor(private readonly provisioning: ProvisioningService) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.devicesProvision,
        handle: async (p) => {
          const { phoneNumberId } = p as JobPayload<'devicesProvision'>;
          // Busy: another process holds the number's provisioning and finishes it (or its sweep does, if it dies).
          return this.provisioning.device(phoneNumberId).catch((err: Error) => {
            if (err instanceof ProvisioningBusyError) return { busy: true };
            throw err;
          });
        },
      },
    ];
  }
}
