import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomNumber } from '@switchboard/testkit/core';
import { sdkWorld } from '@switchboard/testkit/devices/sdk-world';
import { waitFor } from '@switchboard/testkit/wait';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '../../..');

/** One `npm run chat` process, typed into through its stdin and read from its stdout, as a person in a terminal. */
interface Terminal {
  child: ChildProcessWithoutNullStreams;
  type(text: string): void;
  lines(): string[];
  shows(line: string | RegExp): Promise<void>;
}

describe('npm run chat: two people in two terminals (chat processes, real API, Postgres, Redis)', {
  timeout: 120_000,
}, () => {
  const world = sdkWorld();
  const data = mkdtempSync(join(tmpdir(), 'switchboard-chat-'));
  const terminals: Terminal[] = [];
  afterAll(() => {
    for (const t of terminals) if (t.child.exitCode === null) t.child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  });

  function chat(number: string): Terminal {
    const args = ['packages/devtools/bin/run.mjs', 'packages/sdk/src/cli/chat.ts', number];
    const child = spawn(process.execPath, [...args, '--server', world.api.url, '--data', data], { cwd: REPO });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const lines = () => output.split('\n');
    const terminal: Terminal = {
      child,
      type: (text) => void child.stdin.write(text),
      lines,
      shows: (line) =>
        waitFor(
          () => lines().some((l) => (typeof line === 'string' ? l === line : line.test(l))),
          `${number}'s terminal shows "${line}"; it shows:\n${output}`,
          30_000,
        ),
    };
    terminals.push(terminal);
    return terminal;
  }

  it('registers, opens a chat by number, sends and receives with ✓ ✓✓ and read, typing, a disappearing timer; comes back as itself', async () => {
    const [alice, bob] = [randomNumber(), randomNumber()];
    const a = chat(alice);
    const b = chat(bob);
    await a.shows(`ready: ${alice} · /to <number> opens a chat · /help`);
    await b.shows(`ready: ${bob} · /to <number> opens a chat · /help`);

    a.type('hello?\n');
    await a.shows('open a chat first: /to <number>');
    a.type('/to 12345\n');
    await a.shows('usage: /to <number in E.164, e.g. +447700900123>');
    const stranger = randomNumber();
    a.type(`/to ${stranger}\n`);
    await a.shows(`${stranger} is not on Switchboard`);

    a.type(`/to ${bob}\nhello bob\n`);
    await a.shows(`chatting with ${bob}`);
    await a.shows('✓ sent: hello bob');
    await a.shows('✓✓ delivered: hello bob');
    await b.shows(`new message from ${alice} (/to ${alice} to read it)`);
    expect(a.lines()).not.toContain('✓✓ read: hello bob'); // not before bob opens the chat
    b.type(`/to ${alice}\n`);
    await b.shows(`← ${alice}: hello bob`);
    await a.shows('✓✓ read: hello bob');

    b.type('hi'); // no Enter yet
    await a.shows(`${bob} is typing…`);
    await a.shows(`${bob} stopped typing`); // a pause
    b.type(' alice\n');
    await a.shows(`← ${bob}: hi alice`);
    await b.shows('✓✓ read: hi alice'); // alice has the chat open

    // Bob quits; what arrives meanwhile is there when the same device (its SQLite file) starts again.
    b.type('/quit\n');
    await waitFor(() => b.child.exitCode !== null, 'bob quits');
    expect(b.child.exitCode).toBe(0);
    a.type('while you were away\n');
    await a.shows('✓ sent: while you were away');
    const again = chat(bob);
    await again.shows(`ready: ${bob} · /to <number> opens a chat · /help`);
    await again.shows(`new message from ${alice} (/to ${alice} to read it)`);
    again.type(`/to ${alice}\n`);
    await again.shows(`← ${alice}: while you were away`);
    await a.shows('✓✓ read: while you were away');

    // Disappearing messages: the timer is a message both sides see; then each side's copy goes when due.
    a.type('/timer 2\n');
    await a.shows(`messages disappear after 2 s in the chat with ${bob}`);
    await again.shows(`messages disappear after 2 s in the chat with ${alice} (set by ${alice})`);
    a.type('poof\n');
    await again.shows(`← ${alice}: poof`);
    await a.shows('disappeared: poof');
    await again.shows(`a message from ${alice} disappeared`);
    expect(again.lines().filter((l) => l.includes('hello bob'))).toEqual([]); // shown once, in the first run
  });

  it('a group of three: created from numbers, listed, opened by name; messages both ways with ✓✓ delivered to all and read by all', async () => {
    const [alice, bob, carol] = [randomNumber(), randomNumber(), randomNumber()];
    const [a, b, c] = [chat(alice), chat(bob), chat(carol)];
    for (const [t, n] of [
      [a, alice],
      [b, bob],
      [c, carol],
    ] as const)
      await t.shows(`ready: ${n} · /to <number> opens a chat · /help`);

    a.type('/groups\n');
    await a.shows('no groups yet: /newgroup <name> <number> [<number> …]');
    a.type('/newgroup trip\n');
    await a.shows('usage: /newgroup <name> <number> [<number> …]');
    const stranger = randomNumber();
    a.type(`/newgroup trip ${bob} ${stranger}\n`);
    await a.shows(`not on Switchboard: ${stranger}`);
    a.type(`/newgroup summer trip ${bob} ${carol}\n`);
    await a.shows(`group "summer trip" created with ${bob}, ${carol} (/group summer trip to open it)`);
    await b.shows('you are in the new group "summer trip" (/group summer trip to open it)');
    await c.shows('you are in the new group "summer trip" (/group summer trip to open it)');
    a.type('/groups\n');
    await a.shows(/^group "summer trip" · admin · [0-9a-f-]{36}$/);
    a.type('/group winter\n');
    await a.shows('no group "winter" (/groups lists them)');

    a.type('/group summer trip\nwho brings the tent?\n');
    await a.shows('chatting in group "summer trip"');
    await a.shows('→ "summer trip": who brings the tent?');
    await a.shows('✓ sent: who brings the tent?');
    await a.shows('✓✓ delivered to all: who brings the tent?');
    await b.shows(`new message in "summer trip" from ${alice} (/group summer trip to read it)`);
    await c.shows(`new message in "summer trip" from ${alice} (/group summer trip to read it)`);
    b.type('/group summer trip\n');
    await b.shows(`← "summer trip" ${alice}: who brings the tent?`);
    expect(a.lines()).not.toContain('✓✓ read by all: who brings the tent?'); // carol has not opened it
    a.type('/timer 5\n');
    await a.shows('disappearing messages are for 1:1 chats; groups have no timer yet');
    c.type('/group summer trip\n');
    await c.shows(`← "summer trip" ${alice}: who brings the tent?`);
    await a.shows('✓✓ read by all: who brings the tent?');

    // Bob answers; alice and carol have the group open: shown at once, by number, and read by both.
    b.type('I do\n');
    await a.shows(`← "summer trip" ${bob}: I do`);
    await c.shows(`← "summer trip" ${bob}: I do`);
    await b.shows('✓✓ delivered to all: I do');
    await b.shows('✓✓ read by all: I do');
    expect(a.lines().filter((l) => l.includes('who brings the tent?') && l.startsWith('✓✓ read'))).toHaveLength(1);
    expect(c.lines().filter((l) => l.includes('I do'))).toHaveLength(1); // shown once
  });

  it('says how to call it when the number is missing or malformed', async () => {
    const t = chat('not-a-number');
    await waitFor(() => t.child.exitCode !== null, 'exit');
    expect(t.child.exitCode).toBe(64);
    expect(t.lines()[0]).toMatch(/^usage: npm run chat -- <your number in E\.164/);
  });
});
