/** Key material on the wire is standard base64. */
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export interface KeyCountsOutput {
  pre_keys: number;
  kyber_pre_keys: number;
  /** True when either count is below PREKEY_LOW_THRESHOLD: upload a new batch. */
  low: boolean;
  low_threshold: number;
}

/** What libsignal's PreKeyBundle.new needs for one device. */
export interface DeviceBundleOutput {
  device_id: number;
  registration_id: number;
  identity_key: string;
  signed_pre_key: { key_id: number; public_key: string; signature: string };
  /** Null when the device has no one-time EC prekey left (the session still works, with less forward secrecy). */
  pre_key: { key_id: number; public_key: string } | null;
  kyber_pre_key: { key_id: number; public_key: string; signature: string; last_resort: boolean };
}

export interface BundlesOutput {
  account_id: string;
  devices: DeviceBundleOutput[];
}
