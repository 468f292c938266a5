#!/usr/bin/env node
// `npm run chat -- <number> [--server <url>] [--data <dir>]`: a terminal chat on the SDK, the quickest way to try the
// message core by hand (README "Try the message core"). It lives in the SDK package and uses only its public parts,
// so it is also what an app developer reads first, and it ships as the package's `switchboard-chat` command.
import { join } from 'node:path';
import { emitKeypressEvents } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Connection } from '../connection';
import { GroupMessenger } from '../groups/group-messenger';
import { Messenger } from '../messaging';
import { Presence } from '../presence';
import { Profiles } from '../profiles/profiles';
import { openDevice } from './chat-device';
import { ChatSession } from './chat-session';

const USAGE = 'usage: npm run chat -- <your number in E.164, e.g. +447700900123> [--server <url>] [--data <dir>]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string', default: 'http://127.0.0.1:3000' },
      data: { type: 'string', default: '.data/chat' },
    },
  });
  const number = positionals[0] ?? '';
  if (!/^\+[1-9]\d{6,14}$/.test(number)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(64);
  }

  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const device = await openDevice(values.server, number, join(values.data, `${number}.db`), () =>
    terminal.question('the code sent to your number: '),
  );
  const connection = new Connection({ baseUrl: values.server, credentials: device.credentials });
  const messenger = new Messenger(connection, device.crypto, device.storage, { number });
  // Before the session: it reads a group message's info, which GroupMessenger updates from the same receipt first.
  const groups = new GroupMessenger(connection, device.crypto, device.storage, device.rest, messenger, { number });
  const session = new ChatSession(
    device.credentials,
    messenger,
    new Presence(connection),
    new Profiles(device.rest, device.storage, device.credentials.accountId),
    groups,
    print,
  );
  messenger.restore();
  await connection.start();
  await device.crypto.replenishKeys();
  print(`ready: ${number} · /to <number> opens a chat · /help`);

  emitKeypressEvents(process.stdin);
  process.stdin.on('keypress', (_char, key?: { name?: string }) => {
    if (key?.name !== 'return' && key?.name !== 'enter') session.keypress();
  });
  let quitting = false;
  const quit = async () => {
    if (quitting) return;
    quitting = true;
    terminal.close();
    await connection.close();
    device.storage.close();
    process.exit(0);
  };
  terminal.on('close', () => void quit());
  for await (const line of terminal) {
    const done = await session.line(line).catch((err: Error) => void print(`error: ${err.message}`));
    if (done === 'quit') await quit();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`chat: ${err.message}\n`);
  process.exit(1);
});
