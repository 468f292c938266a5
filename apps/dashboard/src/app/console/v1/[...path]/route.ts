import { apiBaseUrl } from '../../../../lib/api-status';

// The console's API on the dashboard's own origin: the browser talks to this origin only, so the session cookie is
// first-party and SameSite holds. Requests go to the API as they came (cookie, Origin, body); the browser's address
// goes along in X-Forwarded-For, which the API trusts from a process on its own host only.
const HOP_BY_HOP = ['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding', 'upgrade'];

async function forward(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  for (const name of HOP_BY_HOP) headers.delete(name);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const answer = await fetch(`${apiBaseUrl()}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: 'manual',
    cache: 'no-store',
  }).catch(() => null);
  if (!answer) {
    return Response.json(
      { error: { message: 'API unreachable', type: 'OAuthException', code: 2, fbtrace_id: 'dashboard' } },
      { status: 502 },
    );
  }
  const out = new Headers();
  answer.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !HOP_BY_HOP.includes(name) && name !== 'content-encoding') out.set(name, value);
  });
  for (const cookie of answer.headers.getSetCookie()) out.append('set-cookie', cookie);
  return new Response(answer.body, { status: answer.status, headers: out });
}

export { forward as DELETE, forward as GET, forward as PATCH, forward as POST };
export const dynamic = 'force-dynamic';
