import { readFileSync } from 'node:fs';
import { parseCitations } from './core/index.ts';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  const lang = f.endsWith('.en.md') ? 'en' : 'zh';
  const lines = text.split('\n');
  const counts: Record<string, number> = {};
  lines.forEach((line, i) => {
    for (const c of parseCitations(line, lang as any)) {
      const k = `${c.law}/${c.relative ?? 'abs'}${c.toArticle||c.toParagraph||c.toItem ? '/range' : ''}`;
      counts[k] = (counts[k] ?? 0) + 1;
      if (process.env.V) console.log(i + 1, JSON.stringify(c.text), k);
    }
  });
  console.log(f.split('/').pop(), JSON.stringify(counts));
}
