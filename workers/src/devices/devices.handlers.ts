import { Injectable } from '@nestjs/common';
import { bindJob, type HandlerBinding, jobs } from '@switchboard/jobs';
import { ProvisioningService } from '../business-device/provisioning.service';

/** Thin handler: provisioning lives with the business device (workers/src/business-device). */
@Injectable()
export class DevicesHandlers {
  constructor(private readonly provisioning: ProvisioningService) {}

  bindings(): HandlerBinding[] {
    return [bindJob(jobs.devicesProvision, (p) => this.provisioning.provisionUnlessBusy(p.phoneNumberId))];
  }
}
