import { Injectable } from '@nestjs/common';
import { type HandlerBinding, type JobPayload, jobs } from '@switchboard/jobs';
import { ProvisioningService } from '../business-device/provisioning.service';

/** Thin handler: provisioning lives with the business device in the API's business layer. */
@Injectable()
export class DevicesHandlers {
  constructor(private readonly provisioning: ProvisioningService) {}

  bindings(): HandlerBinding[] {
    return [
      {
        job: jobs.devicesProvision,
        handle: (p) => this.provisioning.provisionUnlessBusy((p as JobPayload<'devicesProvision'>).phoneNumberId),
      },
    ];
  }
}
