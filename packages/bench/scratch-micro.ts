import { parseOrThrow } from '../../apps/api/src/business/common/validation';
import { sendMessageBody } from '../../apps/api/src/business/messages/inputs/send-message.input';
import { Recipients } from '../../apps/api/src/business/messages/send/recipient';
import { newWamid } from '../../apps/api/src/business/messages/send/wamid';
import { acceptParams } from '../../apps/api/src/business/messages/log/accept.sql';
const body = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+16502201234', type: 'text', text: { body: 'Your order has shipped.' } };
const r = new Recipients();
const time = (name: string, n: number, f: () => unknown) => {
  for (let i = 0; i < 2000; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, (((performance.now() - t) * 1000) / n).toFixed(2), 'µs');
};
time('zod parse', 50000, () => parseOrThrow(sendMessageBody, body));
time('toWaId cached', 50000, () => r.toWaId('+16502201234', 'US'));
time('toWaId uncached', 2000, () => new Recipients().toWaId('+16502201234', 'US'));
time('newWamid', 50000, () => newWamid('16502201234'));
time('stringify', 50000, () => JSON.stringify({ text: body.text }));
time('acceptParams x1', 50000, () => acceptParams([{ wamid: 'w', businessId: 'b', phoneNumberId: 'p', waId: 'x', type: 'text', payload: '{}' }]));
