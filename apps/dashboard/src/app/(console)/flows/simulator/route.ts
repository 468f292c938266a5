import { asMember, simulatorError } from '../../../../lib/flows/simulator/http';
import { openSession } from '../../../../lib/flows/simulator/sessions';

/**
 * POST /flows/simulator `{"business_id","phone_number_id"}`: opens a simulator phone writing to that number of the
 * business (a member's console session required). Answers `{"id","number","wa_id"}`; the page follows its chat at
 * `/flows/simulator/{id}/events` (SSE) and writes with `/flows/simulator/{id}/messages`.
 */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => null)) as { business_id?: unknown; phone_number_id?: unknown } | null;
  if (typeof body?.business_id !== 'string' || typeof body.phone_number_id !== 'string')
    return simulatorError(400, 'expected {"business_id","phone_number_id"}');
  const member = await asMember(request, body.business_id);
  if (member instanceof Response) return member;
  const number = member.numbers.find((n) => n.id === body.phone_number_id);
  if (!number) return simulatorError(400, `phone_number_id: the business has no number ${body.phone_number_id}`);
  try {
    const session = await openSession(body.business_id, number.display_phone_number);
    return Response.json({ id: session.id, number: session.number, wa_id: session.number.slice(1) });
  } catch (err) {
    return simulatorError(503, `the simulator phone could not be opened: ${(err as Error).message}`, 2);
  }
}

export const dynamic = 'force-dynamic';
