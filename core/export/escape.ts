/// Escaping for the HTML and XML that exporters write by hand.

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/// `text` with &, <, >, " and ' replaced by entities: safe in element content and quoted attributes.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch]);
}
