import type { CampaignStatus } from '@switchboard/db';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_MOVES, type CampaignMove, canMoveCampaign, movableFromSql, movableFromText } from './campaign-status';

const ALL: CampaignStatus[] = ['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED'];

describe('campaign status moves', () => {
  it('allow exactly these transitions', () => {
    const edges = new Set<string>();
    for (const move of Object.keys(CAMPAIGN_MOVES) as CampaignMove[])
      for (const from of ALL) for (const to of ALL) if (canMoveCampaign(move, from, to)) edges.add(`${from}>${to}`);
    expect([...edges].sort()).toEqual(
      [
        'DRAFT>CANCELLED',
        'PAUSED>CANCELLED',
        'PAUSED>RUNNING',
        'PAUSED>SCHEDULED',
        'RUNNING>CANCELLED',
        'RUNNING>COMPLETED',
        'RUNNING>PAUSED',
        'SCHEDULED>CANCELLED',
        'SCHEDULED>PAUSED',
        'SCHEDULED>RUNNING',
      ].sort(),
    );
  });

  it('never leave COMPLETED or CANCELLED', () => {
    for (const move of Object.keys(CAMPAIGN_MOVES) as CampaignMove[]) {
      for (const to of ALL) {
        expect(canMoveCampaign(move, 'COMPLETED', to)).toBe(false);
        expect(canMoveCampaign(move, 'CANCELLED', to)).toBe(false);
      }
    }
  });

  it('keep the dispatcher and the sweeper to running campaigns, and the business to its own moves', () => {
    expect(canMoveCampaign('templatePause', 'SCHEDULED', 'PAUSED')).toBe(false);
    expect(canMoveCampaign('pause', 'SCHEDULED', 'PAUSED')).toBe(true);
    expect(canMoveCampaign('complete', 'PAUSED', 'COMPLETED')).toBe(false);
    expect(canMoveCampaign('resume', 'PAUSED', 'COMPLETED')).toBe(false);
  });

  it('say where a move starts from, in SQL and in words', () => {
    expect(movableFromSql('pause')).toBe(`'RUNNING', 'SCHEDULED'`);
    expect(movableFromText('pause')).toBe('RUNNING or SCHEDULED');
    expect(movableFromText('cancel')).toBe('DRAFT, SCHEDULED, RUNNING or PAUSED');
    expect(movableFromText('resume')).toBe('PAUSED');
  });
});
