/** The server refused a send (or a read receipt) and retrying cannot help. */
export class SendRefusedError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`send refused (${code}): ${message}`);
    this.name = 'SendRefusedError';
  }
}

/** No ✓ within the time the app allowed (Messenger's sendTimeoutMs, or the send's own timeoutMs). */
export class SendTimeoutError extends Error {
  constructor(readonly id: bigint) {
    super(`message ${id} was not confirmed in time`);
    this.name = 'SendTimeoutError';
  }
}
