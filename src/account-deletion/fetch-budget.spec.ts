import { FetchBudget } from './fetch-budget';

describe('FetchBudget', () => {
  it('allows the limit in a window, then says when the next window opens', () => {
    const budget = new FetchBudget(2, 60_000);
    expect(budget.take(1_000).allowed).toBe(true);
    expect(budget.take(2_000).allowed).toBe(true);
    expect(budget.take(31_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(budget.take(61_000).allowed).toBe(true);
  });
});
