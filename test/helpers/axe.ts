// The accessibility audit of browser tests: axe-core (the npm package itself, injected into the page,
// as @axe-core/playwright needs Node 22) run with the WCAG 2.0 and 2.1 A and AA rules. A test asserts
// `expect(await accessibilityViolations(page)).toEqual([])`, so a failure lists every rule broken and
// the nodes breaking it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

/// The rule tags audited: WCAG 2.0 and 2.1, levels A and AA.
export const wcagTags: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/// Options of accessibilityViolations.
export interface AuditOptions {
  /// CSS selector of the part of the page to audit. Defaults to the whole document.
  readonly include?: string;
}

interface AxeNode {
  readonly target: unknown[];
  readonly failureSummary?: string;
  readonly html: string;
}
interface AxeResult {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

/// Run axe-core's WCAG 2.1 A/AA rules on `page` as it is now. Resolves to one line per violated rule
/// and node (`rule-id (impact): help — selector: what to fix`), empty when the page passes.
export async function accessibilityViolations(page: Page, options: AuditOptions = {}): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, so the page's Content-Security-Policy does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ include, tags }) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
      const context = include ? { include: [include] } : document;
      const result = (await axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as { violations: AxeResult[] };
      return result.violations;
    },
    { include: options.include ?? null, tags: [...wcagTags] },
  );
  return violations.flatMap((rule) =>
    rule.nodes.map(
      (node) =>
        `${rule.id} (${rule.impact ?? 'n/a'}): ${rule.help} — ${node.target.join(' ')}: ${
          (node.failureSummary ?? '').replace(/\s+/g, ' ').trim() || node.html.slice(0, 120)
        }`,
    ),
  );
}
