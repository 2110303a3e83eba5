// The code-sized draft of the benchmarks (DESIGN.md "Performance budgets"): at least 1,300 articles
// and 100,000 characters, made of the Chinese corpus laws in test/fixtures/laws, each as its own
// chapters, repeated in turn until large enough (1,344 articles, 155,228 characters). Without
// chapters: the same laws' articles one after another with no heading, exactly 1,300 of them (the
// shape that chapters' content-visibility cannot help).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { parseLaw, schema, serializeLaw } from '../core/index.ts';
import { projectPath } from '../test/helpers/cli.ts';

const minArticles = 1300;
const minCharacters = 100_000;

/// A draft of at least minArticles articles and minCharacters characters: the Chinese corpus laws,
/// each as its own chapters, repeated in turn until large enough. With `chapters: false`, exactly
/// minArticles articles of the same laws, with no part, chapter or section.
export function codeSizedDraft(options: { chapters?: boolean } = {}): {
  doc: PMNode;
  text: string;
  articles: number;
  characters: number;
} {
  const chapters = options.chapters ?? true;
  const dir = projectPath('test/fixtures/laws');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.zh.md'))
    .sort();
  const body: PMNode[] = [];
  let articles = 0;
  let characters = 0;
  for (let i = 0; articles < minArticles || characters < minCharacters; i++) {
    const parsed = parseLaw(readFileSync(join(dir, files[i % files.length]), 'utf8'), { language: 'zh' });
    parsed.doc.forEach((node) => {
      if (node.type.name === 'title' || node.type.name === 'preamble') return;
      if (chapters) {
        body.push(node);
        characters += node.textContent.length;
      }
      node.descendants((child) => {
        if (child.type.name !== 'article') return true;
        if (!chapters && articles >= minArticles) return false;
        articles++;
        if (!chapters) {
          body.push(child);
          characters += child.textContent.length;
        }
        return false;
      });
    });
  }
  const doc = schema.node('doc', null, [
    schema.node('title', null, schema.text('法典规模基准草案')),
    ...body,
  ]);
  return { doc, text: serializeLaw(doc, 'zh'), articles, characters };
}
