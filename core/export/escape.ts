/// Escaping for the HTML, XML and Markdown that exporters write by hand.

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

/// `text` safe in Markdown, as text and inside a table cell: HTML special characters as entities (so
/// no tag or script reaches a Markdown renderer), Markdown punctuation — emphasis, links, code,
/// headings, the cell separator — escaped with a backslash.
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}
