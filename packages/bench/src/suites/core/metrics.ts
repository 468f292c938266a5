// The gateway's own count of what it wrote and accepted, read from its /metrics (served to loopback).

export interface MailboxCounts {
  rows: number;
  messages: number;
}

function gauge(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`/metrics has no ${name}`);
  return Number(line.slice(name.length + 1));
}

export async function mailboxCounters(apiUrl: string): Promise<MailboxCounts> {
  const res = await fetch(`${apiUrl}/metrics`);
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const text = await res.text();
  return {
    rows: gauge(text, 'switchboard_mailbox_rows_inserted'),
    messages: gauge(text, 'switchboard_relay_messages_accepted'),
  };
}
