import { randomBytes } from 'node:crypto';
import type { Config } from '@switchboard/config';
import { invitationLink } from './invitation-link';
import type { MembersRepository } from './members.repository';

/** How long the first owner's setup link works. */
const SETUP_LINK_MS = 7 * 86_400_000;

/**
 * The first owner of a business: an owner invitation that nobody sent, printed as a link by
 * `npm run admin -- create-user <email>`. Whoever opens it sets the password; until then no password exists anywhere.
 */
export async function createSetupLink(config: Config, repo: MembersRepository, email: string, businessId?: string) {
  const business = businessId ? await repo.business(businessId) : await onlyBusiness(repo);
  if (!business) throw new Error(`--business: no business with id ${businessId}`);
  const id = randomBytes(18).toString('base64url');
  const expiresAt = new Date(Date.now() + SETUP_LINK_MS);
  await repo.createSetupInvitation({ id, businessId: business.id, email, expiresAt });
  return { business, link: invitationLink(config, id), expiresAt };
}

async function onlyBusiness(repo: MembersRepository) {
  const found = await repo.someBusinesses();
  if (found.length === 0) throw new Error('no business yet: run `npm run admin -- bootstrap` first');
  if (found.length > 1) throw new Error('several businesses: say which with --business <waba_id>');
  return found[0];
}
