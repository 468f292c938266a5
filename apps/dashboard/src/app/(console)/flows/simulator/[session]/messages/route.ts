import { asMember, simulatorError } from '../../../../../../lib/flows/simulator/http';
import { findSession } from '../../../../../../lib/flows/simulator/sessions';

const MAX_TEXT = 4096;

/**
 * POST /flows/simulator/{id}/messages `{"text","rich"?}`: the phone sends, as a consumer's app does — `rich` is the
 * structured reply beside the text (`{"type":"interactive",…}` for a button or list row, with `context`).
 */
export async function POST(request: Request, { params }: { params: Promise<{ session: string }> }) {
  const session = findSession((await params).session);
  if (!session) return simulatorError(404, 'no such simulator phone (closed, or opened by another server)');
  const member = await asMember(request, session.businessId);
  if (member instanceof Response) return member;
  const body = (await request.json().catch(() => null)) as { text?: unknown; rich?: unknown } | null;
  if (typeof body?.text !== 'string' || !body.text.trim() || body.text.length > MAX_TEXT)
    return simulatorError(400, `text: expected 1 to ${MAX_TEXT} characters`);
  const rich = body.rich;
  if (rich !== undefined && (typeof rich !== 'object' || rich === null || Array.isArray(rich)))
    return simulatorError(400, 'rich: expected an object');
  try {
    return Response.json(await session.send(body.text, rich as Record<string, unknown> | undefined));
  } catch (err) {
    return simulatorError(503, `not sent: ${(err as Error).message}`, 2);
  }
}

export const dynamic = 'force-dynamic';
