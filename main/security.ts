/// The Electron security checklist as pure decisions over URLs and origins, so each can be tested
/// without Electron: what the window may navigate to, open, request and load, which permissions it
/// gets, and the Content-Security-Policy of the app's pages. app.ts wires them to Electron's events.
///
/// The app's own origin is the embedded server's, `http://127.0.0.1:PORT`: the UI is always loaded
/// from it. A team server, when connected, is only talked to (fetch and websocket), never loaded.
import { appContentSecurityPolicy } from '../core/index.ts';

/// The origin (`scheme://host[:port]`) of `url`, or undefined when it is not a URL with an origin.
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

/// The websocket origin matching an http(s) origin: `ws://h:p` for `http://h:p`, `wss://…` for `https://…`.
/// Throws a TypeError when `origin` is not an http(s) origin.
export function websocketOrigin(origin: string): string {
  if (origin.startsWith('http://')) return `ws://${origin.slice('http://'.length)}`;
  if (origin.startsWith('https://')) return `wss://${origin.slice('https://'.length)}`;
  throw new TypeError(`Not an http(s) origin: ${origin}`);
}

/// Whether `url` belongs to the app's own origin `appOrigin`.
export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/// Whether the window may navigate (or be redirected) to `url`: only within the app's own origin.
export function mayNavigate(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

/// Whether `url` is a link that may be handed to the user's browser (after the user confirms):
/// http or https, with a host, without user name or password in it.
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.hostname !== '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/// Open `url` in the user's browser only if it is an external web link (isExternalLink) and the user
/// confirms it: `confirm` asks, `open` opens (Electron's shell.openExternal). Resolves to whether it
/// was opened; rejects only when `confirm` or `open` does.
export async function openLinkAfterConfirm(
  url: string,
  confirm: (url: string) => Promise<boolean>,
  open: (url: string) => Promise<void>,
): Promise<boolean> {
  if (!isExternalLink(url)) return false;
  if (!(await confirm(url))) return false;
  await open(url);
  return true;
}

/// What to do with a request for a new window for `url`: never open one; a web link outside the app
/// is offered to the user's browser instead (`external`, which the caller confirms before opening).
export function windowOpenDecision(
  url: string,
  appOrigin: string,
): { readonly action: 'deny'; readonly external?: string } {
  if (!isAppUrl(url, appOrigin) && isExternalLink(url)) return { action: 'deny', external: url };
  return { action: 'deny' };
}

/// Permissions the app's own pages are granted; every other permission, and every permission for any
/// other origin, is denied.
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/// Whether to grant `permission` asked for by a page at `requestingUrl` (a URL or an origin).
/// Denied by default: only grantedPermissions, only to the app's own origin.
export function mayGrantPermission(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return grantedPermissions.has(permission) && originOf(requestingUrl) === appOrigin;
}

/// Where the window may send requests: the app's origin and its websocket, the connected team
/// server (if any) and its websocket. Everything else is cancelled, so no remote content is loaded.
export interface RequestPolicy {
  /// The app's own origin, `http://127.0.0.1:PORT`.
  readonly appOrigin: string;
  /// The team server's origin, when connected to one.
  readonly teamOrigin?: string;
}

/// The origins (http(s) and ws(s)) a RequestPolicy allows.
export function allowedOrigins(policy: RequestPolicy): readonly string[] {
  const origins = [policy.appOrigin, websocketOrigin(policy.appOrigin)];
  if (policy.teamOrigin) origins.push(policy.teamOrigin, websocketOrigin(policy.teamOrigin));
  return origins;
}

/// Whether a request for `url` may go out: to an allowed origin, or a `data:` / `blob:` /
/// `devtools:` URL (which never leave the machine).
export function mayRequest(url: string, policy: RequestPolicy): boolean {
  if (/^(data|blob|devtools):/i.test(url)) return true;
  const origin = originOf(url);
  return origin !== undefined && allowedOrigins(policy).includes(origin);
}

/// The Content-Security-Policy of the app's pages (core's appContentSecurityPolicy, the one the web
/// UI served by `lifa serve` has too): connections to the app's origin and the team server (http and ws).
export function contentSecurityPolicy(policy: RequestPolicy): string {
  return appContentSecurityPolicy(["'self'", ...allowedOrigins(policy)]);
}

/// Response headers as Electron's webRequest hands them over.
export type ResponseHeaders = Readonly<Record<string, string | readonly string[]>>;

/// What onHeadersReceived should answer: the headers to use, and a status line when it changes.
export interface HeaderDecision {
  readonly responseHeaders: Record<string, string[]>;
  readonly statusLine?: string;
}

/// The response details onHeadersReceived needs.
export interface ResponseDetails {
  readonly url: string;
  readonly method: string;
  readonly responseHeaders?: ResponseHeaders;
}

/// The headers of a response, made safe: a response from the app's origin gets the app's CSP (any CSP
/// the server sent is replaced) and `X-Content-Type-Options: nosniff`. A response from the team
/// server is let through to the app's pages (CORS): it gets `Access-Control-Allow-Origin` for the
/// app's origin, and a preflight (OPTIONS) answers 204 even when the server has no route for it.
export function secureResponseHeaders(details: ResponseDetails, policy: RequestPolicy): HeaderDecision {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    headers[name] = typeof value === 'string' ? [value] : [...value];
  }
  const drop = (name: string): void => {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name) delete headers[key];
  };
  const origin = originOf(details.url);
  if (origin === policy.appOrigin) {
    drop('content-security-policy');
    drop('content-security-policy-report-only');
    drop('x-content-type-options');
    headers['Content-Security-Policy'] = [contentSecurityPolicy(policy)];
    headers['X-Content-Type-Options'] = ['nosniff'];
    return { responseHeaders: headers };
  }
  if (policy.teamOrigin !== undefined && origin === policy.teamOrigin) {
    for (const name of [
      'access-control-allow-origin',
      'access-control-allow-headers',
      'access-control-allow-methods',
    ])
      drop(name);
    headers['Access-Control-Allow-Origin'] = [policy.appOrigin];
    headers['Access-Control-Allow-Headers'] = ['authorization, content-type'];
    headers['Access-Control-Allow-Methods'] = ['GET, POST, PUT, PATCH, DELETE'];
    if (details.method.toUpperCase() === 'OPTIONS')
      return { responseHeaders: headers, statusLine: 'HTTP/1.1 204 No Content' };
  }
  return { responseHeaders: headers };
}
