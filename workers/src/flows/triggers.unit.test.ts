import type { Flow } from '@switchboard/db';
import { describe, expect, it } from 'vitest';
import { matchFlow } from './triggers';

const flow = (id: string, triggers: unknown[]) => ({ id, triggers }) as unknown as Flow;
const notNew = async () => false;

describe('matchFlow', () => {
  // Highest priority first, as FlowRuntimeRepository.listening orders them.
  const flows = [
    flow('keyword', [{ type: 'keyword', keywords: ['Yes please'] }]),
    flow('yes', [{ type: 'campaign', campaign_id: '11', payloads: ['Yes please'] }]),
    flow('any', [{ type: 'campaign', campaign_id: '22' }]),
    flow('fallback', [{ type: 'fallback' }]),
  ];

  it('matches a reply to a campaign first, whatever the priorities, by its payload', async () => {
    expect((await matchFlow(flows, 'Yes please', notNew, { campaignId: '11', payload: 'Yes please' }))?.id).toBe('yes');
  });

  it('a payload the trigger does not list, or another campaign, falls to the other triggers', async () => {
    expect((await matchFlow(flows, 'No', notNew, { campaignId: '11', payload: 'No' }))?.id).toBe('fallback');
    expect((await matchFlow(flows, 'Yes please', notNew, { campaignId: '33', payload: 'Yes please' }))?.id).toBe(
      'keyword',
    );
  });

  it('a campaign trigger without payloads takes any reply to the campaign, a typed one too', async () => {
    expect((await matchFlow(flows, 'hello?', notNew, { campaignId: '22' }))?.id).toBe('any');
  });

  it('a message that replies to no campaign never matches a campaign trigger', async () => {
    expect((await matchFlow(flows.slice(1, 3), 'Yes please', notNew))?.id).toBeUndefined();
  });
});
