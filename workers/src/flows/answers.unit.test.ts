import { flowNode, type NodeOf } from '@switchboard/business/flows/definition/flow-definition';
import { describe, expect, it } from 'vitest';
import { acceptAnswer, answerOf } from './answers';

const ask = (validate: string) => flowNode.parse({ id: 'q', type: 'ask', text: '?', validate }) as NodeOf<'ask'>;
const text = (body: string) => answerOf({ type: 'text', text: { body } });

describe('answer checks', () => {
  it('keeps the digits of an international phone number', () => {
    expect(acceptAnswer(ask('phone'), text('+1 (555) 010-2030'))).toBe('15550102030');
    expect(acceptAnswer(ask('phone'), text('0044 20 7946 0958'))).toBe('442079460958');
    expect(acceptAnswer(ask('phone'), text('call me'))).toBeUndefined();
    expect(acceptAnswer(ask('phone'), text('12345'))).toBeUndefined();
  });

  it('reads a calendar date as YYYY-MM-DD, refusing days that do not exist', () => {
    expect(acceptAnswer(ask('date'), text('2026-3-7'))).toBe('2026-03-07');
    expect(acceptAnswer(ask('date'), text('07/03/2026'))).toBe('2026-03-07');
    expect(acceptAnswer(ask('date'), text('31.04.2026'))).toBeUndefined();
    expect(acceptAnswer(ask('date'), text('tomorrow'))).toBeUndefined();
  });

  it('takes a media message for a media question, and only there', () => {
    const photo = answerOf({ type: 'image', image: { id: '998877', mime_type: 'image/jpeg', caption: 'me' } });
    expect(photo.media).toEqual({ id: '998877', type: 'image' });
    expect(acceptAnswer(ask('media'), photo)).toBe('998877');
    expect(acceptAnswer(ask('media'), text('a photo'))).toBeUndefined();
    expect(acceptAnswer(ask('text'), photo)).toBeUndefined();
  });

  it('reads a shared location pin', () => {
    const pin = answerOf({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Office' } });
    expect(pin.location).toEqual({ latitude: 52.52, longitude: 13.405, name: 'Office' });
    expect(answerOf({ type: 'location', location: { latitude: 'x' } }).location).toBeUndefined();
  });
});
