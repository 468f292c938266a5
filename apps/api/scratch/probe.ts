import { monitorEventLoopDelay } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable(); process.on('exit', () => console.log('loop delay p50', (h.percentile(50) / 1e6).toFixed(1), 'p99', (h.percentile(99) / 1e6).toFixed(1), 'max', (h.max / 1e6).toFixed(1)));
import { instrument } from './instrument';
import { SendService } from '../src/core/messaging/send/send.service';
import { MailboxRepository } from '../src/core/messaging/mailbox/mailbox.repository';
import { DevicesService } from '../src/core/devices/devices.service';
import { MailboxService } from '../src/core/messaging/mailbox/mailbox.service';
instrument(SendService.prototype, 'prepare', 'prepare');
instrument(MailboxRepository.prototype, 'insertMessages', 'insert');
instrument(DevicesService.prototype, 'activeDevices', 'activeDevices');
instrument(MailboxRepository.prototype, 'deleteAcked', 'deleteAcked');
instrument(MailboxService.prototype, 'flushAcks', 'flushAcks');
instrument(MailboxService.prototype, 'store', 'store');
import { parseConfig } from '@switchboard/config';
import { startApi } from '../test/harness';
import { Fixtures } from '../test/delivery/support/fixtures';
import { RawDevice, sendTo } from '../test/delivery/support/raw-device';

const config = parseConfig(process.env);
const api = await startApi();
const ws = api.url.replace('http', 'ws');
const fx = new Fixtures(config);
const pairs = Number(process.env.PAIRS ?? 1);
const N = Number(process.env.N ?? 1000);
async function round(pairs: number, N: number) {
const t0 = performance.now();
const runs = await Promise.all(Array.from({ length: pairs }, async () => {
  const alice = await fx.account(1); const bob = await fx.account(1);
  const a = await RawDevice.connect(ws, alice.devices[0]!, { autoAck: true });
  const b = await RawDevice.connect(ws, bob.devices[0]!, { autoAck: true });
  const frames = Array.from({ length: N }, (_, i) => sendTo(alice.devices[0]!, bob, alice, `p${i}`));
  const start = performance.now();
  for (const f of frames) a.send(f);
  const mark = async (pred: () => boolean) => { while (!pred()) await new Promise((r) => setTimeout(r, 5)); return performance.now() - start; };
  const [ok, del, rec] = await Promise.all([
    mark(() => a.frames.filter((f) => f.t === 'send_ok').length >= N),
    mark(() => b.deliveries().length >= N),
    mark(() => a.receipts().reduce((n, r) => n + r.messageIds.length, 0) >= N),
  ]);
  a.terminate(); b.terminate();
  return { ok, del, rec };
}));
console.log(JSON.stringify(runs.map((r) => ({ ok: Math.round(r.ok), del: Math.round(r.del), rec: Math.round(r.rec) }))), 'msgs/s', Math.round((pairs * N) / ((performance.now() - t0) / 1000)));
}
await round(2, 200);
await round(pairs, N);
await api.close(); await fx.close();
