import { describe, expect, it } from 'vitest';
import { SenderLanes } from '../../src/business-device/inbound/sender-lanes';

/** A piece of work that runs only when the test lets it finish, and says when it started. */
function gated(log: string[], name: string) {
  let finish: (failed?: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = (failed) => (failed ? reject(failed) : resolve());
  });
  return {
    work: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: (failed?: Error) => finish(failed),
  };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('SenderLanes', () => {
  it("runs each sender's work in order, another sender's beside it, and settles when all is done", async () => {
    const log: string[] = [];
    const lanes = new SenderLanes();
    const a1 = gated(log, 'a1');
    const a2 = gated(log, 'a2');
    const b1 = gated(log, 'b1');
    lanes.add('a', a1.work);
    lanes.add('a', a2.work);
    lanes.add('b', b1.work);
    let settled = false;
    void lanes.settle().then(() => (settled = true));
    await turn();
    expect(log).toEqual(['start a1', 'start b1']); // a2 waits for a1, b1 does not

    b1.finish();
    await turn();
    expect(log).toEqual(['start a1', 'start b1', 'end b1']);
    a1.finish();
    await turn();
    expect(log.slice(3)).toEqual(['end a1', 'start a2']);
    expect(settled).toBe(false);
    a2.finish();
    await turn();
    expect(settled).toBe(true);
  });

  it("halts a sender's lane at its first failure for the rest of the drain, and no other sender's", async () => {
    const log: string[] = [];
    const lanes = new SenderLanes();
    const a1 = gated(log, 'a1');
    const a2 = gated(log, 'a2');
    const b1 = gated(log, 'b1');
    const b2 = gated(log, 'b2');
    lanes.add('a', a1.work);
    lanes.add('a', a2.work);
    lanes.add('b', b1.work);
    lanes.add('b', b2.work);
    a1.finish(new Error('undecryptable'));
    b1.finish();
    b2.finish();
    await lanes.settle();
    lanes.add('a', gated(log, 'a3').work); // a later page's envelope of the halted sender
    await lanes.settle();
    expect(log).toEqual(['start a1', 'start b1', 'end b1', 'start b2', 'end b2']);
  });

  it('settle(max) resolves once no more than max pieces of work are left', async () => {
    const lanes = new SenderLanes();
    const works = ['a', 'b', 'c'].map((k) => ({ k, g: gated([], k) }));
    for (const { k, g } of works) lanes.add(k, g.work);
    let atMostOne = false;
    void lanes.settle(1).then(() => (atMostOne = true));
    works[0]!.g.finish();
    await turn();
    expect(atMostOne).toBe(false);
    works[1]!.g.finish();
    await turn();
    expect(atMostOne).toBe(true);
    works[2]!.g.finish();
    await lanes.settle();
  });
});
