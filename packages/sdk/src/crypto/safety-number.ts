import { Fingerprint, type PublicKey } from '@signalapp/libsignal-client';

// Signal's parameters: version 2 identifies each side by its account id (Signal's service id), 5,200 hash
// iterations make a forged key that matches a given number too costly to search for.
const VERSION = 2;
const ITERATIONS = 5200;
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The safety number of a pair of identities, the same on both sides: 60 digits to compare in person or read aloud,
 * and the bytes a QR code carries (compared with ScannableFingerprint.compare on the other side).
 */
export function safetyNumber(
  local: { accountId: string; key: PublicKey },
  remote: { accountId: string; key: PublicKey },
): { digits: string; scannable: Uint8Array } {
  const fingerprint = Fingerprint.new(
    ITERATIONS,
    VERSION,
    utf8(local.accountId),
    local.key,
    utf8(remote.accountId),
    remote.key,
  );
  return {
    digits: fingerprint.displayableFingerprint().toString(),
    scannable: fingerprint.scannableFingerprint().toBuffer(),
  };
}
