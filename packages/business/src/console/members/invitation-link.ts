import type { Config } from '@switchboard/config';

/** The page of the dashboard where whoever holds the link sets a password and joins. The id is the secret. */
export const invitationLink = (config: Config, invitationId: string) =>
  new URL(`/invite/${encodeURIComponent(invitationId)}`, config.dashboard.publicUrl).toString();
