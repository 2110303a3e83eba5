// The pair of code-sized drafts the comparison and instrument benchmarks share (DESIGN.md budgets):
// the old draft is every Chinese law of the corpus (test/fixtures/laws/*.zh.md, older versions
// included, as in a compilation), each as a part (编) with its chapters and sections, repeated from
// the first law until it holds 1,300 articles. The new draft is a scripted revision of it, made with
// a seeded PRNG so every run compares the same pair:
//   5% of the articles edited (one to three insertions, deletions or replacements of a few characters),
//   2% inserted (sentences of other articles, shuffled: new text in the draft's own vocabulary),
//   2% deleted,
//   1% moved (to another place, most often in another chapter).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import {
  article,
  buildOutline,
  chapter,
  doc,
  item,
  paragraph,
  parseLaw,
  part,
  section,
  sequentialIds,
  subitem,
  withIds,
} from '../core/index.ts';
import type { Outline, OutlineItem, OutlineParagraph } from '../core/index.ts';
import { prng } from '../test/helpers/prng.ts';

/// Fewest articles of the old draft.
export const minimumArticles = 1300;

// --- The drafts ------------------------------------------------------------------------------------

// A flat article with where it stands: which law (part), chapter and section, by heading.
interface Entry {
  part: string;
  chapter: string | null;
  section: string | null;
  paragraphs: OutlineParagraph[];
}

const lawsDir = fileURLToPath(new URL('../test/fixtures/laws/', import.meta.url));
const laws: Outline[] = readdirSync(lawsDir)
  .filter((f) => f.endsWith('.zh.md'))
  .sort()
  .map((f) => {
    const parsed = parseLaw(readFileSync(lawsDir + f, 'utf8'), { language: 'zh' });
    return buildOutline(parsed.doc, 'zh');
  });

function entriesOf(outline: Outline, copy: number): Entry[] {
  const heading = new Map(outline.divisions.map((d) => [d.id, d.heading]));
  const title = copy ? `${outline.title}（${copy + 1}）` : outline.title;
  return outline.articles.map((a) => ({
    part: title,
    chapter: a.chapterId ? heading.get(a.chapterId)! : null,
    section: a.sectionId ? heading.get(a.sectionId)! : null,
    paragraphs: a.paragraphs.map((p) => ({ text: p.text, items: p.items })),
  }));
}

const oldEntries: Entry[] = [];
for (let copy = 0, k = 0; oldEntries.length < minimumArticles; k++) {
  if (k === laws.length) {
    k = 0;
    copy++;
  }
  oldEntries.push(...entriesOf(laws[k], copy));
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];

function edit(text: string, random: () => number): string {
  const filler = ['依法', '及时', '有关部门', '并报告', '国务院', '网络数据', '必要的'];
  const at = Math.floor(random() * text.length);
  const span = 1 + Math.floor(random() * 6);
  const choice = random();
  if (choice < 0.4) return text.slice(0, at) + pick(random, filler) + text.slice(at);
  if (choice < 0.7) return text.slice(0, at) + text.slice(at + span);
  return text.slice(0, at) + pick(random, filler) + text.slice(at + span);
}

function revise(entries: readonly Entry[], seed: number) {
  const random = prng(seed);
  const n = entries.length;
  const count = (share: number) => Math.round(n * share);
  const shuffled = entries.map((_, i) => i).sort(() => random() - 0.5);
  const edited = new Set(shuffled.slice(0, count(0.05)));
  const deleted = new Set(shuffled.slice(count(0.05), count(0.07)));
  const moved = new Set(shuffled.slice(count(0.07), count(0.08)));
  const out: Entry[] = [];
  const movers: Entry[] = [];
  entries.forEach((entry, i) => {
    if (deleted.has(i)) return;
    let copy: Entry = { ...entry, paragraphs: entry.paragraphs.map((p) => ({ ...p })) };
    if (edited.has(i)) {
      for (let e = 1 + Math.floor(random() * 3); e > 0; e--) {
        const p = Math.floor(random() * copy.paragraphs.length);
        copy.paragraphs[p] = { ...copy.paragraphs[p], text: edit(copy.paragraphs[p].text, random) };
      }
    }
    if (moved.has(i)) movers.push(copy);
    else out.push(copy);
    copy = copy as Entry;
  });
  for (const mover of movers) {
    const at = Math.floor(random() * out.length);
    const place = out[at];
    out.splice(at, 0, { ...mover, part: place.part, chapter: place.chapter, section: place.section });
  }
  const sentences = entries
    .flatMap((e) => e.paragraphs.flatMap((p) => p.text.split(/(?<=。)/)))
    .filter((s) => s.length > 8);
  for (let k = count(0.02); k > 0; k--) {
    const at = Math.floor(random() * out.length);
    const place = out[at];
    const text = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(random, sentences)).join('');
    out.splice(at, 0, { ...place, paragraphs: [{ text, items: [] }] });
  }
  return {
    entries: out,
    edited: edited.size,
    deleted: deleted.size,
    moved: moved.size,
    inserted: count(0.02),
  };
}

// Entries back into a document: consecutive entries of one part, chapter and section share them.
function documentOf(entries: readonly Entry[], prefix: string): PMNode {
  return withIds(sequentialIds(prefix), () => {
    const items = (list: readonly OutlineItem[]): PMNode[] =>
      list.map((i) => item(i.text, ...i.subitems.map((s) => subitem(s.text))));
    const articleOf = (e: Entry) => article(...e.paragraphs.map((p) => paragraph(p.text, ...items(p.items))));
    const parts: PMNode[] = [];
    let k = 0;
    while (k < entries.length) {
      const partName = entries[k].part;
      const partBody: PMNode[] = [];
      while (k < entries.length && entries[k].part === partName) {
        const chapterName = entries[k].chapter;
        if (chapterName === null) {
          partBody.push(articleOf(entries[k++]));
          continue;
        }
        const chapterBody: PMNode[] = [];
        while (k < entries.length && entries[k].part === partName && entries[k].chapter === chapterName) {
          const sectionName = entries[k].section;
          if (sectionName === null) {
            chapterBody.push(articleOf(entries[k++]));
            continue;
          }
          const sectionBody: PMNode[] = [];
          while (
            k < entries.length &&
            entries[k].part === partName &&
            entries[k].chapter === chapterName &&
            entries[k].section === sectionName
          ) {
            sectionBody.push(articleOf(entries[k++]));
          }
          chapterBody.push(section(sectionName, ...sectionBody));
        }
        partBody.push(chapter(chapterName, ...chapterBody));
      }
      parts.push(part(partName, ...partBody));
    }
    return doc('法规汇编', ...parts);
  });
}

/// The two drafts, their whole texts, and what the revision did.
export function compilationPair() {
  const revision = revise(oldEntries, 20240101);
  const oldOutline = buildOutline(documentOf(oldEntries, 'o'), 'zh');
  const newOutline = buildOutline(documentOf(revision.entries, 'n'), 'zh');
  const wholeText = (outline: Outline) => outline.articles.map((a) => a.text).join('\n');
  return { oldOutline, newOutline, oldText: wholeText(oldOutline), newText: wholeText(newOutline), revision };
}
