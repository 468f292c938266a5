import type { FlowTrigger } from '@switchboard/business/flows/inputs/flow.input';
import type { Flow } from '@switchboard/db';

/**
 * The flow a message starts, when no run holds its contact. `flows` come highest priority first; the first flow with a
 * matching keyword, regular expression or new-contact trigger wins, and only when none matches does the first flow
 * with a fallback trigger take the message.
 */
export async function matchFlow(
  flows: Flow[],
  text: string,
  isNewContact: () => Promise<boolean>,
): Promise<Flow | undefined> {
  let newContact: boolean | undefined;
  for (const flow of flows) {
    for (const t of flow.triggers as FlowTrigger[]) {
      if (t.type === 'keyword' && t.keywords.some((k) => k.toLowerCase() === text.trim().toLowerCase())) return flow;
      if (t.type === 'regex' && safeTest(t.pattern, text)) return flow;
      if (t.type !== 'new_contact') continue;
      newContact ??= await isNewContact();
      if (newContact) return flow;
    }
  }
  return flows.find((f) => (f.triggers as FlowTrigger[]).some((t) => t.type === 'fallback'));
}

function safeTest(pattern: string, text: string): boolean {
  try {
    // Patterns are capped at 200 characters when saved and texts at 4,096 by the send path's limits.
    return new RegExp(pattern, 'iu').test(text.slice(0, 4096));
  } catch {
    return false;
  }
}
