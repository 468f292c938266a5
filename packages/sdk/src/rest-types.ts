// The shapes of the core's REST endpoints, as openapi.yaml describes them (snake_case; keys in standard base64).

export interface DeviceCredentials {
  accountId: string;
  deviceId: number;
  password: string;
}

export interface Registration {
  account_id: string;
  device_id: number;
  password: string;
  number: string;
  reregistered: boolean;
}
export interface LinkStart {
  link_code: string;
  link_secret: string;
  expires_in_s: number;
}
export interface LinkedDevice {
  account_id: string;
  device_id: number;
  password: string;
}
export interface DeviceSummary {
  device_id: number;
  name: string | null;
  primary: boolean;
  has_keys: boolean;
  created_at: string;
}
export interface SignedKey {
  key_id: number;
  public_key: string;
  signature: string;
}
export interface OneTimeKey {
  key_id: number;
  public_key: string;
}
export interface KeyUpload {
  identity_key?: string;
  registration_id?: number;
  signed_pre_key?: SignedKey;
  kyber_last_resort_pre_key?: SignedKey;
  pre_keys?: OneTimeKey[];
  kyber_pre_keys?: SignedKey[];
}
export interface KeyCounts {
  pre_keys: number;
  kyber_pre_keys: number;
  low: boolean;
  low_threshold: number;
}
export interface DeviceBundle {
  device_id: number;
  registration_id: number;
  identity_key: string;
  signed_pre_key: SignedKey;
  pre_key: OneTimeKey | null;
  kyber_pre_key: SignedKey & { last_resort: boolean };
}
export interface Bundles {
  account_id: string;
  devices: DeviceBundle[];
}
export interface AttachmentUploaded {
  id: string;
  expires_at: string;
}
export interface DirectoryMatch {
  number: string;
  account_id: string;
}
export type Visibility = 'everyone' | 'contacts' | 'nobody';
export interface PrivacySettings {
  photo: Visibility;
  about: Visibility;
  last_seen: Visibility;
  online: Visibility;
}
/** A profile as stored: each field sealed with the owner's profile key (base64). */
export interface SealedProfile {
  account_id: string;
  version: number;
  name: string | null;
  about?: string;
  photo?: { attachment_id: string; pointer: string };
}
export interface SealedProfileInput {
  name: string;
  about?: string;
  photo?: { attachment_id: string; pointer: string };
}
/** Where a device's wake-up pushes go (PUT /v1/devices/push). */
export type PushRegistration =
  | { provider: 'webpush'; endpoint: string; keys?: { p256dh: string; auth: string } }
  | { provider: 'fcm' | 'apns'; token: string };
