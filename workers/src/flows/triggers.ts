import type { FlowTrigger } from '@switchboard/business/flows/inputs/flow.input';
import type { Flow } from '@switchboard/db';

/** A reply to a campaign's template message: the campaign, and the payload of the quick-reply button tapped. */
export interface CampaignReply {
  campaignId: string;
  payload?: string;
}

/**
 * The flow a message starts. `flows` come highest priority first. A reply to a campaign's message is matched first:
 * the first flow with a campaign trigger for that campaign (and the tapped payload) takes it. Else the first flow with
 * a matching keyword, regular expression or new-contact trigger wins, and only when none matches does the first flow
 * with a fallback trigger take the message.
 */
export async function matchFlow(
  flows: Flow[],
  text: string,
  isNewContact: () => Promise<boolean>,
  campaign?: CampaignReply,
): Promise<Flow | undefined> {
  const byCampaign = campaign && matchCampaign(flows, campaign);
  if (byCampaign) return byCampaign;
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

/** The first flow whose campaign trigger names the campaign and, when it lists payloads, the one tapped. */
export function matchCampaign(flows: Flow[], reply: CampaignReply): Flow | undefined {
  return flows.find((f) =>
    (f.triggers as FlowTrigger[]).some(
      (t) =>
        t.type === 'campaign' &&
        t.campaign_id === reply.campaignId &&
        (!t.payloads || (reply.payload !== undefined && t.payloads.includes(reply.payload))),
    ),
  );
}

function safeTest(pattern: string, text: string): boolean {
  try {
    // Patterns are capped at 200 characters when saved and texts at 4,096 by the send path's limits.
    return new RegExp(pattern, 'iu').test(text.slice(0, 4096));
  } catch {
    return false;
  }
}
