import { waitFor } from '../wait';

export interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * An agent's inbox event stream (`GET /console/v1/businesses/{id}/inbox/events`), read as a browser's EventSource
 * would: every event kept in arrival order, the last `id:` as the cursor a reconnect sends back as Last-Event-ID.
 */
export class LiveStream {
  readonly events: StreamEvent[] = [];
  lastEventId?: string;
  private closed = false;

  private constructor(
    readonly status: number,
    private readonly abort: AbortController,
  ) {}

  /** Opens the stream with the session `cookie`; resumes after `lastEventId` when given. */
  static async open(url: string, cookie: string, lastEventId?: string): Promise<LiveStream> {
    const abort = new AbortController();
    const res = await fetch(url, {
      headers: { cookie, accept: 'text/event-stream', ...(lastEventId && { 'last-event-id': lastEventId }) },
      signal: abort.signal,
    });
    const stream = new LiveStream(res.status, abort);
    stream.lastEventId = lastEventId;
    if (res.status === 200 && res.body) void stream.read(res.body);
    else stream.events.push({ event: 'error', data: (await res.json()) as Record<string, unknown>, at: Date.now() });
    return stream;
  }

  of(event: string): StreamEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Waits until an event of `event` matching `match` arrived; answers it. */
  async next(event: string, match: (data: Record<string, unknown>) => boolean = () => true, timeoutMs = 15_000) {
    let hit: StreamEvent | undefined;
    await waitFor(
      () => {
        hit = this.events.find((e) => e.event === event && match(e.data));
        return hit !== undefined;
      },
      `a ${event} event`,
      timeoutMs,
    );
    return hit!;
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (err) {
      if (!this.closed) throw err;
    }
  }

  private dispatch(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    if (id !== undefined) this.lastEventId = id;
    this.events.push({ id, event, data: JSON.parse(data.join('\n')) as Record<string, unknown>, at: Date.now() });
  }
}
