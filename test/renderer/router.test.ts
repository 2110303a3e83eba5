import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../renderer/src/app/router.ts';
import type { Route } from '../../renderer/src/app/router.ts';

describe('routes', () => {
  it('reads the draft list, a draft and a comparison from the address', () => {
    expect(parseRoute('/')).toEqual({ name: 'drafts' });
    expect(parseRoute('/drafts/')).toEqual({ name: 'drafts' });
    expect(parseRoute('/drafts/abc123')).toEqual({ name: 'draft', id: 'abc123' });
    expect(parseRoute('/drafts/abc123/compare', '?from=v1&to=live')).toEqual({
      name: 'compare',
      id: 'abc123',
      from: 'v1',
      to: 'live',
    });
    expect(parseRoute('/drafts/abc123/compare')).toEqual({
      name: 'compare',
      id: 'abc123',
      from: null,
      to: null,
    });
    expect(parseRoute('/drafts/abc123/timeline')).toEqual({ name: 'timeline', id: 'abc123' });
    expect(parseRoute('/nowhere')).toEqual({ name: 'not-found', path: '/nowhere' });
  });

  it('writes addresses that read back as the same route', () => {
    const routes: Route[] = [
      { name: 'drafts' },
      { name: 'draft', id: 'a b/c' },
      { name: 'compare', id: 'd1', from: 'v 1', to: 'live' },
      { name: 'timeline', id: 'd 2' },
    ];
    for (const route of routes) {
      const [path, search = ''] = routeHref(route).split('?');
      expect(parseRoute(path, search ? `?${search}` : '')).toEqual(route);
    }
  });
});
