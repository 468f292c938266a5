/** Why a ledger row is never sent, as the API decides it (the dispatcher adds its own FAILED codes later). */
export type SkipReason = 'invalid_number' | 'duplicate' | 'opted_out' | 'missing_variable';

/** One audience row before it becomes a CampaignRecipient (its `seq` is its position). */
export interface AudienceRow {
  /** The number as given. */
  input: string;
  waId: string | null;
  /** Only the variables the template uses. */
  variables: Record<string, string> | null;
  reason: SkipReason | null;
}
