import type { RunningApi } from '@switchboard/testkit/api';
import { failure, newAccount, randomNumber, startCoreApi } from '@switchboard/testkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('directory: phone numbers to accounts, under a daily quota', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startCoreApi({ DIRECTORY_LOOKUPS_PER_DAY: '6' });
  });
  afterAll(() => api.close());

  it('answers the registered numbers with their accounts and leaves the others out', async () => {
    const asker = await newAccount(api);
    const [a, b] = await Promise.all([newAccount(api), newAccount(api)]);
    const stranger = randomNumber();
    const { accounts } = await asker.rest.lookupNumbers([a.number, stranger, b.number]);
    expect(accounts).toEqual(
      [
        { number: a.number, account_id: a.credentials.accountId },
        { number: b.number, account_id: b.credentials.accountId },
      ].sort((x, y) => x.number.localeCompare(y.number)),
    );
  });

  it('counts distinct numbers per account per day: repeats are free, a request past the quota counts nothing', async () => {
    const asker = await newAccount(api);
    const numbers = Array.from({ length: 8 }, randomNumber);
    await asker.rest.lookupNumbers(numbers.slice(0, 4));
    await asker.rest.lookupNumbers(numbers.slice(0, 4)); // the same address book again: free
    const over = await failure(asker.rest.lookupNumbers(numbers.slice(4, 7))); // 4 + 3 > 6
    expect(over).toMatchObject({ status: 429, code: 130429 });
    expect(over.details).toMatch(/^directory_lookups_per_day: retry after \d+ s$/);
    await asker.rest.lookupNumbers(numbers.slice(4, 6)); // the refused request took nothing: 2 still fit
    expect((await failure(asker.rest.lookupNumbers([numbers[7]!]))).status).toBe(429);
    // Another account has its own quota.
    const other = await newAccount(api);
    await expect(other.rest.lookupNumbers(numbers.slice(0, 6))).resolves.toEqual({ accounts: [] });
  });

  it('refuses malformed input with the field named, and needs a device credential', async () => {
    const asker = await newAccount(api);
    const bad = await failure(asker.rest.lookupNumbers(['+44 20', randomNumber()]));
    expect(bad).toMatchObject({ status: 400, code: 100 });
    expect(bad.details).toMatch(/^numbers\[0\]:/);
    expect((await failure(asker.rest.lookupNumbers([]))).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, randomNumber);
    expect((await failure(asker.rest.lookupNumbers(tooMany))).details).toMatch(/^numbers:/);
    expect((await failure(asker.rest.as(undefined).lookupNumbers([randomNumber()]))).status).toBe(401);
  });
});
