import { asMember, simulatorError } from '../../../../../../lib/flows/simulator/http';
import { findSession } from '../../../../../../lib/flows/simulator/sessions';

/** Sent now and then on an idle stream, so proxies keep it open. */
const KEEPALIVE_MS = 15_000;

/** GET /flows/simulator/{id}/events: the phone's chat as server-sent events, every line so far first. */
export async function GET(request: Request, { params }: { params: Promise<{ session: string }> }) {
  const session = findSession((await params).session);
  if (!session) return simulatorError(404, 'no such simulator phone (closed, or opened by another server)');
  const member = await asMember(request, session.businessId);
  if (member instanceof Response) return member;
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (s: string) => controller.enqueue(encoder.encode(s));
      const unfollow = session.follow((line) => write(`event: line\ndata: ${JSON.stringify(line)}\n\n`));
      const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS);
      stop = () => {
        unfollow();
        clearInterval(keepalive);
      };
      request.signal.addEventListener('abort', () => {
        stop();
        controller.close();
      });
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
  });
}

export const dynamic = 'force-dynamic';
