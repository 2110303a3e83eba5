/// Printing (File › Print…, Ctrl/⌘+P): the browser prints the page through the print stylesheet
/// (styles/print.css: the draft alone, or the comparison table alone, numbered, paginated). This adds the
/// running head — the title of what is printed — and the page numbers, as page-margin rules that say
/// the title, built at print time as a constructed style sheet (a CSP that forbids inline style
/// elements still allows it).
import { i18n } from '../i18n/i18n.ts';

let printTitle = '';

/// Name what the page prints (the draft's title, the comparison's); '' for no running head.
export function setPrintTitle(title: string): void {
  printTitle = title;
}

/// `text` as a CSS string literal.
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

/// The @page rule of a printout titled `title` in `language`: the title at the top of every page,
/// page numbers at the foot ("— 1 —" in Chinese, as official documents number pages; "1 / 12" in
/// English).
export function pageRule(title: string, language: string): string {
  const number = language === 'zh' ? '"— " counter(page) " —"' : 'counter(page) " / " counter(pages)';
  const head = title ? `@top-center { content: ${cssString(title)}; font-size: 9pt; color: #555; }` : '';
  return `@page { ${head} @bottom-center { content: ${number}; font-size: 10pt; } }`;
}

/// Print the page now, with the running head and page numbers.
export function printPage(): void {
  let sheet: CSSStyleSheet | null = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(pageRule(printTitle, i18n.language));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    sheet = null; // no page-margin rules: the browser's own header and footer still number the pages
  }
  const done = () => {
    if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
