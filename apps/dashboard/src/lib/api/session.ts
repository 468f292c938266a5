import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { BUSINESS_COOKIE } from '../business-cookie';
import type { ConsoleRole } from './client';
import { serverApi } from './server';

export interface ConsoleContext {
  user: { id: string; email: string; name: string };
  memberships: { member_id: string; role: ConsoleRole; business: { id: string; name: string } }[];
  business: { id: string; name: string };
  role: ConsoleRole;
}

/**
 * The signed-in person and the business being looked at, for a console page; no session (or one expired or revoked)
 * goes to the sign-in page, which comes back here afterwards.
 */
export async function requireConsole(from: string): Promise<ConsoleContext> {
  const api = await serverApi();
  const { data } = await api.GET('/console/v1/me');
  if (!data) redirect(`/sign-in?next=${encodeURIComponent(from)}`);
  const chosen = (await cookies()).get(BUSINESS_COOKIE)?.value;
  const current = data.memberships.find((m) => m.business.id === chosen) ?? data.memberships[0];
  if (!current) redirect('/sign-in?error=no-business');
  return { user: data.user, memberships: data.memberships, business: current.business, role: current.role };
}

/** Roles that may invite, change roles and remove members (the API enforces the same). */
export const canManageMembers = (role: ConsoleRole) => role === 'owner' || role === 'admin';
