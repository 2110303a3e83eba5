/// The renderer's routes, in the address bar so every view can be deep-linked and reloaded:
///
///     /                                    the drafts the user may see (or the sign-in page)
///     /drafts/:id                          the editor
///     /drafts/:id/compare?from=V&to=V|live the comparison of two versions, or a version and the live draft
///     /drafts/:id/clerk                    the clerk's workspace: every comment, dispositions, the report
///     /drafts/:id/timeline                 the draft's timeline: versions, members, exports, restores…
///     /public/:id                          the public comment page of a draft (no sign-in)
import { useEffect, useState } from 'preact/hooks';

/// A parsed address.
export type Route =
  | { readonly name: 'drafts' }
  | { readonly name: 'draft'; readonly id: string }
  | {
      readonly name: 'compare';
      readonly id: string;
      readonly from: string | null;
      readonly to: string | null;
    }
  | { readonly name: 'public'; readonly id: string }
  | { readonly name: 'clerk'; readonly id: string }
  | { readonly name: 'timeline'; readonly id: string }
  | { readonly name: 'not-found'; readonly path: string };

/// The route of `pathname` and `search` (as in `location`).
export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/drafts') return { name: 'drafts' };
  const draft = /^\/drafts\/([^/]+)$/.exec(path);
  if (draft) return { name: 'draft', id: decodeURIComponent(draft[1]) };
  const publicPage = /^\/public\/([^/]+)$/.exec(path);
  if (publicPage) return { name: 'public', id: decodeURIComponent(publicPage[1]) };
  const clerk = /^\/drafts\/([^/]+)\/clerk$/.exec(path);
  if (clerk) return { name: 'clerk', id: decodeURIComponent(clerk[1]) };
  const timeline = /^\/drafts\/([^/]+)\/timeline$/.exec(path);
  if (timeline) return { name: 'timeline', id: decodeURIComponent(timeline[1]) };
  const compare = /^\/drafts\/([^/]+)\/compare$/.exec(path);
  if (compare) {
    const query = new URLSearchParams(search);
    return {
      name: 'compare',
      id: decodeURIComponent(compare[1]),
      from: query.get('from'),
      to: query.get('to'),
    };
  }
  return { name: 'not-found', path };
}

/// The address of `route`.
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'drafts':
      return '/';
    case 'draft':
      return `/drafts/${encodeURIComponent(route.id)}`;
    case 'compare': {
      const query = new URLSearchParams();
      if (route.from) query.set('from', route.from);
      if (route.to) query.set('to', route.to);
      const text = query.toString();
      return `/drafts/${encodeURIComponent(route.id)}/compare${text ? `?${text}` : ''}`;
    }
    case 'public':
      return `/public/${encodeURIComponent(route.id)}`;
    case 'clerk':
      return `/drafts/${encodeURIComponent(route.id)}/clerk`;
    case 'timeline':
      return `/drafts/${encodeURIComponent(route.id)}/timeline`;
    case 'not-found':
      return route.path;
  }
}

const changeEvent = 'lifa:navigate';

/// Go to `route` (pushing a history entry, or replacing the current one).
export function navigate(route: Route, replace = false): void {
  const href = routeHref(route);
  if (href !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
  }
  window.dispatchEvent(new Event(changeEvent));
}

/// The current route, re-rendering on navigation (links, back and forward).
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    window.addEventListener('popstate', update);
    window.addEventListener(changeEvent, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(changeEvent, update);
    };
  }, []);
  return route;
}

/// Click handler for an in-app link: navigates without reloading (unless a modifier asks for a new tab).
export function followLink(route: Route): (event: MouseEvent) => void {
  return (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(route);
  };
}
