import { buildPage, pageOf } from './ebay-page';

const URL_BASE = 'http://127.0.0.1:4010/sell/fulfillment/v1/order';

describe('buildPage', () => {
  it('links the next page only when there is one, and no previous page on the first', () => {
    expect(buildPage(URL_BASE, [], 120, { limit: 50, offset: 0 })).toEqual({
      href: `${URL_BASE}?limit=50&offset=0`,
      total: 120,
      limit: 50,
      offset: 0,
      next: `${URL_BASE}?limit=50&offset=50`,
    });
    expect(buildPage(URL_BASE, [], 100, { limit: 50, offset: 50 })).toEqual({
      href: `${URL_BASE}?limit=50&offset=50`,
      total: 100,
      limit: 50,
      offset: 50,
      prev: `${URL_BASE}?limit=50&offset=0`,
    });
  });

  it('never links a previous page before the start or past the end', () => {
    expect(buildPage(URL_BASE, [], 100, { limit: 50, offset: 20 }).prev).toBe(`${URL_BASE}?limit=50&offset=0`);
    expect(buildPage(URL_BASE, [], 100, { limit: 50, offset: 400 }).prev).toBe(`${URL_BASE}?limit=50&offset=50`);
    expect(buildPage(URL_BASE, [], 0, { limit: 50, offset: 50 }).prev).toBeUndefined();
  });

  it('carries the filter into every link, percent-encoded', () => {
    const page = buildPage(URL_BASE, [['filter', 'creationdate:[2026-01-01T00:00:00.000Z..]']], 3, { limit: 1, offset: 1 });

    expect(page.href).toBe(`${URL_BASE}?filter=creationdate%3A%5B2026-01-01T00%3A00%3A00.000Z..%5D&limit=1&offset=1`);
    expect(new URL(page.next ?? '').searchParams.get('filter')).toBe('creationdate:[2026-01-01T00:00:00.000Z..]');
  });
});

describe('pageOf', () => {
  it('slices the page and returns nothing past the end', () => {
    expect(pageOf([1, 2, 3, 4, 5], { limit: 2, offset: 2 })).toEqual([3, 4]);
    expect(pageOf([1, 2, 3], { limit: 2, offset: 5 })).toEqual([]);
  });
});
