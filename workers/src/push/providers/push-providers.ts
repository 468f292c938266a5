import { readFileSync } from 'node:fs';
import type { Config } from '@switchboard/config';
import { ApnsProvider } from './apns.provider';
import { FcmProvider, type ServiceAccount } from './fcm.provider';
import type { PushProvider } from './push-provider';
import { WebPushProvider } from './web-push.provider';

/**
 * The providers this configuration turns on, made once at worker boot: a key file that cannot be read or parsed stops
 * the worker there, not at the first push.
 */
export function pushProviders(config: Config): PushProvider[] {
  const { fcm, apns, ttlSeconds } = config.core.push;
  const providers: PushProvider[] = [new WebPushProvider(config)];
  if (fcm) {
    const account = JSON.parse(readFileSync(fcm.credentialsFile, 'utf8')) as ServiceAccount;
    for (const field of ['project_id', 'client_email', 'private_key', 'token_uri'] as const) {
      if (typeof account[field] !== 'string')
        throw new Error(`FCM_CREDENTIALS_FILE: no "${field}" in ${fcm.credentialsFile}`);
    }
    providers.push(new FcmProvider(account, fcm.apiUrl, ttlSeconds));
  }
  if (apns) {
    const privateKey = readFileSync(apns.keyFile, 'utf8');
    providers.push(new ApnsProvider({ ...apns, privateKey, ttlSeconds }));
  }
  return providers;
}
