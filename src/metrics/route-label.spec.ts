import type { Request } from 'express';
import { routeLabel, UNMATCHED_ROUTE } from './route-label';

function requestWith(route: unknown): Request {
  return { route } as Request;
}

describe('routeLabel', () => {
  it('is the template of the route a request matched', () => {
    expect(routeLabel(requestWith({ path: '/api/ebay-accounts/:id', methods: { get: true } }))).toBe('/api/ebay-accounts/:id');
  });

  it('is `unmatched` without a route, or for a catch-all that answers every method', () => {
    expect(routeLabel(requestWith(undefined))).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(requestWith({ path: '*path', methods: { _all: true } }))).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(requestWith({ path: '/health/*path', methods: { get: true, post: true, delete: true } }))).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(requestWith({ path: /^\/x/, methods: { get: true } }))).toBe(UNMATCHED_ROUTE);
  });
});
