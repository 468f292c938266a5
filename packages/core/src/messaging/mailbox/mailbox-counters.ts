import { Injectable } from '@nestjs/common';

/**
 * What this process has written to the mailbox and relayed, for /metrics and the core benchmark's
 * `mailbox_rows_per_msg`: rows counted from what the statements report, not estimated.
 */
@Injectable()
export class MailboxCounters {
  /** MailboxMessage and MailboxEnvelope rows inserted (messages, their envelopes, receipts). */
  rowsInserted = 0;
  /** Messages (not receipts) from devices accepted with ✓. */
  messagesAccepted = 0;
}
