import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { files } from '@switchboard/testkit/business/media-files';
import { edge, type FlowWorld, startFlowWorld } from '@switchboard/testkit/flows/world';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('flow steps: media, CTA URL, location, delay, attributes and consent, with real consumer devices', () => {
  let w: FlowWorld;
  // The business's file server a media step links to (loopback).
  let files_: Server;
  let fileUrl: string;

  beforeAll(async () => {
    const png = files.png(3000);
    files_ = createServer((_, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(png);
    });
    await new Promise<void>((r) => files_.listen(0, '127.0.0.1', r));
    fileUrl = `http://127.0.0.1:${(files_.address() as AddressInfo).port}/pic.png`;
    // Routes refreshed every ~2 s: a Redis flush also forgets the consumers' routes, and the message after the delay
    // must find the consumer's connection again (a flush is not a restart, which makes nodes re-read backlogs).
    w = await startFlowWorld({ ROUTE_TTL_SECONDS: '5' });
  }, 90_000);

  afterAll(async () => {
    await w?.close();
    await new Promise((r) => files_?.close(r));
  });

  it('sends an image by link, a CTA URL, a location, asks for a location, then sets attributes and opts out', async () => {
    const flowId = await w.publish('tour', {
      start: 'pic',
      variables: [
        { name: 'lat', type: 'number' },
        { name: 'place', type: 'string' },
      ],
      nodes: [
        { id: 'pic', type: 'media', media_type: 'image', link: fileUrl, caption: 'For {{contact.wa_id}}' },
        { id: 'cta', type: 'cta_url', text: 'Our shop', display_text: 'Open', url: 'https://shop.example/?c=1' },
        { id: 'pin', type: 'location', latitude: 48.8584, longitude: 2.2945, name: 'Shop', address: 'Paris' },
        {
          id: 'where',
          type: 'ask_location',
          text: 'Where are you?',
          save: { lat: 'latitude', place: 'name' },
          retry_text: 'Please share a location',
        },
        { id: 'attrs', type: 'set_attribute', attributes: { city: 'near {{place}}', lat: '{{lat}}' }, remove: ['old'] },
        { id: 'out', type: 'opt', status: 'out' },
        { id: 'bye', type: 'end', text: 'Bye from {{place}}' },
      ],
      edges: [
        edge('pic', 'cta'),
        edge('cta', 'pin'),
        edge('pin', 'where'),
        edge('where', 'attrs'),
        edge('attrs', 'out'),
        edge('out', 'bye'),
      ],
    });
    const c = await w.consumer();
    try {
      await w.stack.prisma.contact.create({
        data: { businessId: w.biz.id, waId: c.waId, attributes: { old: 'gone', keep: 'kept' } },
      });
      await c.reply(w.bizAccountId, 'tour');
      await w.received(c, 4, 'the image, the CTA, the pin and the location request');
      const [pic, cta, pin, ask] = c.messages.map((m) => m.rich as Record<string, unknown>);
      expect(pic).toMatchObject({ type: 'image', image: { caption: `For ${c.waId}`, mime_type: 'image/png' } });
      expect(cta).toMatchObject({
        type: 'interactive',
        interactive: {
          type: 'cta_url',
          action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://shop.example/?c=1' } },
        },
      });
      expect(pin).toMatchObject({ type: 'location', location: { latitude: 48.8584, name: 'Shop', address: 'Paris' } });
      expect(ask).toMatchObject({ type: 'interactive', interactive: { type: 'location_request_message' } });

      await c.reply(w.bizAccountId, 'here'); // not a location: asked again
      await w.received(c, 5, 'the re-prompt');
      expect(c.messages[4]!.text).toBe('Please share a location');
      await c.reply(w.bizAccountId, 'Office', {
        type: 'location',
        location: { latitude: 52.52, longitude: 13.405, name: 'Office' },
      });
      await w.received(c, 6, 'the goodbye');
      expect(c.messages[5]!.text).toBe('Bye from Office');

      const run = await w.runOf(flowId, c.waId);
      expect(run).toMatchObject({ status: 'completed', variables: { lat: 52.52, place: 'Office' } });
      expect(await w.path(run!.id)).toEqual([
        'pic:sent',
        'cta:sent',
        'pin:sent',
        'where:prompt',
        'where:prompt',
        'where:answer',
        'attrs:next',
        'out:opted_out',
        'bye:end',
      ]);
      const contact = await w.stack.prisma.contact.findUniqueOrThrow({
        where: { businessId_waId: { businessId: w.biz.id, waId: c.waId } },
      });
      expect(contact.attributes).toEqual({ keep: 'kept', city: 'near Office', lat: 52.52 });
      expect(contact).toMatchObject({ optStatus: 'OPTED_OUT', optSource: `flow:${flowId}` });
    } finally {
      await c.close();
    }
  }, 60_000);

  it('the bot is silent while a person holds the inbox conversation: its run is handed off, no flow starts', async () => {
    const flowId = await w.publish('agent', {
      start: 'q',
      variables: [],
      nodes: [
        { id: 'q', type: 'ask', text: 'Order number?' },
        { id: 'e', type: 'end', text: 'Thanks' },
      ],
      edges: [edge('q', 'e')],
    });
    const c = await w.consumer();
    try {
      await c.reply(w.bizAccountId, 'agent');
      await w.received(c, 1, 'the question');
      // An agent takes the conversation (an inbox reply or assignment sets this assignee).
      await w.stack.prisma.conversation.update({
        where: { phoneNumberId_waId: { phoneNumberId: w.biz.phoneNumberId, waId: c.waId } },
        data: { assigneeType: 'user', assigneeId: 'agent-7' },
      });
      await c.reply(w.bizAccountId, '1234');
      await c.reply(w.bizAccountId, 'agent'); // a keyword while the person holds it starts nothing
      await waitFor(
        async () =>
          (await w.stack.prisma.flowInbound.count({ where: { waId: c.waId, handledAt: null } })) === 0 &&
          (await w.stack.prisma.flowInbound.count({ where: { waId: c.waId } })) === 3,
        'the three messages handled',
      );
      const run = await w.runOf(flowId, c.waId);
      expect(run).toMatchObject({ status: 'handed_off', end_reason: 'the inbox conversation is held by user agent-7' });
      expect(await w.stack.prisma.flowRun.count({ where: { waId: c.waId } })).toBe(1);
      expect(await w.path(run!.id)).toEqual(['q:prompt']);
      expect(c.messages).toHaveLength(1);
    } finally {
      await c.close();
    }
  }, 60_000);

  it('a delay survives a Redis flush: the run goes on after it, once', async () => {
    const flowId = await w.publish('wait', {
      start: 'a',
      variables: [],
      nodes: [
        { id: 'a', type: 'send_text', text: 'Wait for it' },
        { id: 'd', type: 'delay', seconds: 8 },
        { id: 'b', type: 'end', text: 'Done waiting' },
      ],
      edges: [edge('a', 'd'), edge('d', 'b')],
    });
    const c = await w.consumer();
    try {
      await c.reply(w.bizAccountId, 'wait');
      await w.received(c, 1, 'the first message');
      const run = () => w.stack.prisma.flowRun.findFirstOrThrow({ where: { flowId, waId: c.waId } });
      await waitFor(async () => (await run()).status === 'waiting', 'the run waiting on its delay');
      expect((await run()).waitingFor).toMatchObject({ node: 'd', kind: 'delay' });
      await w.stack.flushRedis(); // the delayed job is gone; the flows sweep makes it again from the deadline
      await c.reply(w.bizAccountId, 'are you there?'); // a message during the delay takes no step
      await w.received(c, 2, 'the message after the delay');
      expect(c.messages.map((m) => m.text)).toEqual(['Wait for it', 'Done waiting']);
      const done = await run();
      expect(done.status).toBe('completed');
      expect(await w.path(done.id)).toEqual(['a:sent', 'd:delay', 'd:resumed', 'b:end']);
    } finally {
      await c.close();
    }
  }, 90_000);

  it('a send after a delay finds the window closed: the run waits for the contact, then sends', async () => {
    const flowId = await w.publish('nudge', {
      start: 'd',
      variables: [],
      nodes: [
        { id: 'd', type: 'delay', seconds: 1 },
        { id: 'hi', type: 'end', text: 'Welcome back' },
      ],
      edges: [edge('d', 'hi')],
    });
    const c = await w.consumer();
    try {
      // The contact last wrote 25 hours ago: its window is closed.
      await w.stack.prisma.contact.create({
        data: { businessId: w.biz.id, waId: c.waId, lastInboundAt: new Date(Date.now() - 25 * 3600_000) },
      });
      const started = await w.biz.call<{ id: string }>('POST', `/${w.biz.id}/flows/${flowId}/runs`, {
        phone_number_id: w.biz.phoneNumberId,
        to: c.waId,
      });
      expect(started.status, started.text).toBe(200);
      const run = () => w.stack.prisma.flowRun.findUniqueOrThrow({ where: { id: started.body.id } });
      await waitFor(
        async () => ((await run()).waitingFor as { kind?: string } | null)?.kind === 'window',
        'the run waiting for the window',
      );
      expect(await run()).toMatchObject({ status: 'waiting', currentNode: 'hi', deadline: null });
      expect(c.messages).toHaveLength(0);

      await c.reply(w.bizAccountId, 'hello again');
      await w.received(c, 1, 'the message that waited');
      expect(c.messages[0]!.text).toBe('Welcome back');
      const done = await run();
      expect(done.status).toBe('completed');
      expect(await w.path(done.id)).toEqual(['d:delay', 'd:resumed', 'hi:waiting', 'hi:resumed', 'hi:end']);
    } finally {
      await c.close();
    }
  }, 60_000);
});
