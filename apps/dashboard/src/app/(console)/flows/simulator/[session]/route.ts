import { findSession } from '../../../../../lib/flows/simulator/sessions';

/** DELETE /flows/simulator/{id}: closes the phone (its device disconnects). */
export async function DELETE(_request: Request, { params }: { params: Promise<{ session: string }> }) {
  await findSession((await params).session)?.close();
  return Response.json({ success: true });
}

export const dynamic = 'force-dynamic';
