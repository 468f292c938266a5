// Getting a device onto an account: registering a number, linking a companion.
import { RestClient } from './rest';
import type { DeviceCredentials, Registration } from './rest-types';

/** Development and tests: registers `number` on a new primary, reading the code from the development endpoint. */
export async function registerWithDevCode(
  rest: RestClient,
  number: string,
  extra: { pin?: string; name?: string } = {},
): Promise<{ rest: RestClient; credentials: DeviceCredentials; registration: Registration }> {
  await rest.requestCode(number);
  const { code } = await rest.devVerificationCode(number);
  const registration = await rest.register({ number, code, ...extra });
  const credentials = {
    accountId: registration.account_id,
    deviceId: registration.device_id,
    password: registration.password,
  };
  return { rest: rest.as(credentials), credentials, registration };
}

/**
 * Links a new companion to the account `primary` acts for, the way a real client does it in two places at once:
 * the new device starts, the primary approves the code, the new device completes.
 */
export async function linkDevice(
  primary: RestClient,
  name?: string,
): Promise<{ rest: RestClient; credentials: DeviceCredentials }> {
  const fresh = primary.as(undefined);
  const { link_code, link_secret } = await fresh.startLink();
  await primary.approveLink(link_code);
  const linked = await fresh.completeLink({ link_code, link_secret, ...(name && { name }) });
  const credentials = { accountId: linked.account_id, deviceId: linked.device_id, password: linked.password };
  return { rest: primary.as(credentials), credentials };
}
