// Drives a running API (API_URL) with the bench's pairs; DATABASE_URL/SECRET_KEY must match the API's.
import { createDevices } from '../../../packages/bench/src/suites/core/accounts';
import { paced, Sequencer, saturate } from '../../../packages/bench/src/suites/core/drive';
import { gatewayPair } from '../../../packages/bench/src/suites/core/pairs';
const pairsN = Number(process.env.PAIRS ?? 32);
const devices = await createDevices(process.env.DATABASE_URL!, process.env.SECRET_KEY!, pairsN * 2);
const pairs = [];
for (let i = 0; i < pairsN; i++) pairs.push(await gatewayPair(process.env.API_URL!.replace('http', 'ws'), devices[2 * i]!, devices[2 * i + 1]!));
const seq = new Sequencer();
await saturate(pairs, seq, 8, 2000);
for (let i = 0; i < 2; i++) console.log('saturate', await saturate(pairs, seq, Number(process.env.WINDOW ?? 8), Number(process.env.DUR ?? 4000)));
if (process.env.RATE) console.log('paced', await paced(pairs, seq, Number(process.env.RATE), 4000));
for (const p of pairs) p.close();
