// A consumer of the installed @switchboard/sdk (plain ESM, outside the repository): two new accounts on the API at
// argv[2], one message from alice to bob over the gateway. Prints one JSON line: what bob received.
import { Connection, DeviceCrypto, MemoryStorage, Messenger, RestClient, registerWithDevCode } from '@switchboard/sdk';

const [, , baseUrl, aliceNumber, bobNumber] = process.argv;

async function device(number) {
  const { rest, credentials } = await registerWithDevCode(new RestClient({ baseUrl }), number);
  const storage = new MemoryStorage();
  const crypto = new DeviceCrypto(credentials, storage, rest);
  await crypto.publishKeys({ preKeys: 2, kyberPreKeys: 2 });
  const connection = new Connection({ baseUrl, credentials });
  const messenger = new Messenger(connection, crypto, storage, { number });
  await connection.start();
  return { credentials, connection, messenger };
}

const alice = await device(aliceNumber);
const bob = await device(bobNumber);
const received = new Promise((resolve) => bob.messenger.onMessage(resolve));
const sent = await alice.messenger.sendText(bob.credentials.accountId, 'hello from an installed SDK');
const message = await received;
console.log(JSON.stringify({ text: message.text, from: message.senderNumber, sameId: message.messageId === sent.id }));
await Promise.all([alice.connection.close(), bob.connection.close()]);
