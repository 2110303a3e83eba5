/// RFC 4180 CSV writing: fields quoted when they hold a comma, a double quote, a line break or
/// leading/trailing spaces, quotes doubled, records ended by CRLF.

/// One field as RFC 4180 writes it. `null` and `undefined` are empty fields; numbers are written
/// as they print.
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/// One record: the fields joined by commas, ended by CRLF.
export function csvRecord(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/// `text` made safe to open in a spreadsheet: a text starting with `=`, `+`, `-`, `@` — or their
/// full-width forms `＝＋－＠`, which spreadsheets with an East Asian input method take for them —
/// possibly after spaces (some spreadsheets skip them), or with a tab, carriage return or line feed,
/// would be read as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets
/// show as nothing. Other text is returned as is.
export function spreadsheetSafe(text: string | null): string | null {
  return text !== null && formulaStart.test(text) ? `'${text}` : text;
}

const formulaStart = /^[\t\r\n]|^[ \u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
