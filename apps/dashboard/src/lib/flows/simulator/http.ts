// Server-side only: what the simulator's same-origin routes share: the API's error shape, and the check that the
// caller is signed in to the console as a member of the business (the API answers it for the session cookie).
import { apiBaseUrl } from '../../api-status';

/** The API's one error shape (docs: "Errors"), for the simulator's own routes. */
export const simulatorError = (status: number, message: string, code = 100) =>
  Response.json({ error: { message, type: 'OAuthException', code, fbtrace_id: 'dashboard' } }, { status });

export interface BusinessNumbers {
  numbers: { id: string; display_phone_number: string }[];
}

/**
 * The business's numbers as the caller may see them (the console overview, with the request's cookie), or the
 * API's refusal passed on (401 when not signed in, 403/404 when not a member).
 */
export async function asMember(request: Request, businessId: string): Promise<BusinessNumbers | Response> {
  if (!/^[0-9]{1,20}$/.test(businessId)) return simulatorError(400, 'business_id: expected a business id');
  const cookie = request.headers.get('cookie');
  const answer = await fetch(`${apiBaseUrl()}/console/v1/businesses/${businessId}/overview`, {
    headers: cookie ? { cookie } : {},
    cache: 'no-store',
  }).catch(() => null);
  if (!answer) return simulatorError(502, 'API unreachable', 2);
  if (!answer.ok) return new Response(answer.body, { status: answer.status, headers: answer.headers });
  return (await answer.json()) as BusinessNumbers;
}
