import { describe, expect, it } from 'vitest';
import { fillVariables } from './fill-variables';

describe('canned response variables', () => {
  it('fills known placeholders, spaces allowed, and leaves unknown ones as written', () => {
    expect(
      fillVariables('Hi {{contact.name}}, order {{ order }} ships {{when}}', { 'contact.name': 'Ana', order: '42' }),
    ).toBe('Hi Ana, order 42 ships {{when}}');
  });
});
