import { Injectable } from '@nestjs/common';
import { RedisService } from '@switchboard/platform';
import { luaScript } from '@switchboard/redis';

/** A set lives this long after its last use; then the next message of each chat asks Postgres once again. */
const TTL_MS = 24 * 3600_000;
/** Member meaning "this account is exempt" (a business number's account): every peer is as good as known. */
const EXEMPT = '*';

// KEYS[1] the account's set; ARGV the peers. Returns the peers not in the set (none when exempt), and keeps a set in
// use alive. One round trip, whatever the number of peers.
const UNKNOWN_LUA = `
if redis.call('SISMEMBER', KEYS[1], '${EXEMPT}') == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) return {} end
local unknown = {}
for i = 2, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then unknown[#unknown + 1] = ARGV[i] end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return unknown`;

const key = (accountId: string) => `limits:peers:${accountId}`;
/** How long "these two have no chat" is believed without asking Postgres again (see `markNoChat`). */
const NO_CHAT_TTL_MS = 30_000;
const noChatKey = (accountId: string, peer: string) => `limits:nochat:${accountId}>${peer}`;

/**
 * The fast path of the new-chat limit: per account, a Redis set of the peers it may message without counting (an
 * established chat, either direction, or a business account) — Postgres' ChatStart and BusinessNumber say so once,
 * then this set answers. Losing it (flush, TTL) costs one Postgres lookup per chat, never a wrong answer.
 */
@Injectable()
export class KnownPeers {
  private readonly unknownScript: (...args: (string | number)[]) => Promise<string[]>;

  constructor(private readonly service: RedisService) {
    this.unknownScript = luaScript<string[]>(service.client, 'chatsUnknownPeers', UNKNOWN_LUA, 1);
  }

  unknown(accountId: string, peers: string[]): Promise<string[]> {
    return this.unknownScript(key(accountId), TTL_MS, ...peers);
  }

  /**
   * A pair found to have no chat, for what may only follow one (read receipts): a stranger repeating itself is then
   * answered without Postgres. Consulted only after the known-peers set, which a chat starting updates at once, so a
   * chat begun meanwhile is never mistaken for none.
   */
  async markNoChat(accountId: string, peer: string): Promise<void> {
    await this.service.client.set(noChatKey(accountId, peer), '1', 'PX', NO_CHAT_TTL_MS);
  }

  async markedNoChat(accountId: string, peer: string): Promise<boolean> {
    return (await this.service.client.exists(noChatKey(accountId, peer))) === 1;
  }

  /** Remembers chats both ways (the peer answering is no new chat either), and exempt accounts. */
  async remember(accountId: string, peers: string[], exempt: boolean): Promise<void> {
    const m = this.service.client.multi();
    if (exempt) m.sadd(key(accountId), EXEMPT);
    if (peers.length) m.sadd(key(accountId), ...peers);
    m.pexpire(key(accountId), TTL_MS);
    for (const p of peers) m.sadd(key(p), accountId).pexpire(key(p), TTL_MS);
    await m.exec();
  }
}
