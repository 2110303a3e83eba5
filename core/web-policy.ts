/// The browser policies of Lifa's pages, in one place for the desktop window (main/security.ts) and
/// the web UI `lifa serve` sends (server/http/security.ts): the Content-Security-Policy of the app,
/// of exported documents opened in a browser, and of API answers.

/// The Content-Security-Policy of the app's pages: nothing by default; scripts, styles, fonts and
/// workers from the app's origin only (style attributes allowed, as the editor sets them); images
/// also from data: and blob:; connections to `connectSources` (the desktop app names the server's
/// http and ws origins, a served page its own origin, `'self'`); no objects, frames, forms, base URL
/// changes or framing by any other page.
export function appContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connectSources.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/// The Content-Security-Policy of an exported document (HTML comparison, report, draft) opened in a
/// browser: its own inline styles and data: images, nothing else — no script, no request anywhere —
/// and sandboxed, so even a document that somehow held markup could do nothing.
export const downloadContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/// The Content-Security-Policy of every other answer (JSON, errors): nothing may load, nothing may frame it.
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
