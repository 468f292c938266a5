/** One text message carrying a verification code. `code` is separate so the development sender can expose it. */
export interface SmsMessage {
  to: string;
  body: string;
  code: string;
}

/** Where verification codes go out. Chosen at boot from config (see accounts.module.ts). */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export const SMS_SENDER = Symbol('SMS_SENDER');

export const smsBody = (code: string) => `Your Switchboard code: ${code}. Do not share it with anyone.`;
