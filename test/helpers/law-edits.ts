// Random revisions of a law, for property tests: a law flattened into entries (an article with the
// headings of the part, chapter and section it stands in), edited the ways drafters edit — insert,
// delete, move, split and merge articles; add or delete paragraphs and items; change words; rename
// chapters — and built back into a document. Seeded, so every run makes the same revisions.
import type { Node as PMNode } from 'prosemirror-model';
import {
  article,
  chapter,
  doc,
  item,
  paragraph,
  part,
  preamble,
  section,
  sequentialIds,
  subitem,
  withIds,
} from '../../core/index.ts';
import type { Outline } from '../../core/index.ts';

export interface EntryItem {
  text: string;
  subitems: string[];
}

export interface EntryParagraph {
  text: string;
  items: EntryItem[];
}

/// An article and where it stands, by headings.
export interface Entry {
  /// The article's stable id, kept through edits (a version of the same draft); none for new articles.
  id?: string;
  part: string | null;
  chapter: string | null;
  section: string | null;
  paragraphs: EntryParagraph[];
}

/// A law as title, preamble notes and entries.
export interface FlatLaw {
  title: string;
  notes: string[];
  entries: Entry[];
}

/// The entries of an outline.
export function flatten(outline: Outline): FlatLaw {
  const heading = new Map(outline.divisions.map((d) => [d.id, d.heading]));
  return {
    title: outline.title,
    notes: [...outline.preamble],
    entries: outline.articles.map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      part: a.partId ? heading.get(a.partId)! : null,
      chapter: a.chapterId ? heading.get(a.chapterId)! : null,
      section: a.sectionId ? heading.get(a.sectionId)! : null,
      paragraphs: a.paragraphs.map((p) => ({
        text: p.text,
        items: p.items.map((i) => ({ text: i.text, subitems: i.subitems.map((s) => s.text) })),
      })),
    })),
  };
}

/// A document of `law`: consecutive entries of one part, chapter and section share them. With
/// `keepIds`, articles keep the ids of their entries (versions of one draft).
export function documentOf(law: FlatLaw, prefix: string, keepIds = false): PMNode {
  const { entries } = law;
  return withIds(sequentialIds(prefix), () => {
    const articleOf = (e: Entry) =>
      article(
        ...(keepIds && e.id ? [{ id: e.id }] : []),
        ...e.paragraphs.map((p) =>
          paragraph(p.text, ...p.items.map((i) => item(i.text, ...i.subitems.map((s) => subitem(s))))),
        ),
      );
    const body: PMNode[] = [];
    let k = 0;
    const sameUpTo = (a: Entry, b: Entry, level: 'part' | 'chapter' | 'section') =>
      a.part === b.part &&
      (level === 'part' || a.chapter === b.chapter) &&
      (level !== 'section' || a.section === b.section);
    const sections = (end: (e: Entry) => boolean): PMNode[] => {
      const out: PMNode[] = [];
      while (k < entries.length && !end(entries[k])) {
        const first = entries[k];
        if (first.section === null) {
          out.push(articleOf(entries[k++]));
          continue;
        }
        const members: PMNode[] = [];
        while (k < entries.length && !end(entries[k]) && sameUpTo(entries[k], first, 'section'))
          members.push(articleOf(entries[k++]));
        out.push(section(first.section, ...members));
      }
      return out;
    };
    const chapters = (end: (e: Entry) => boolean): PMNode[] => {
      const out: PMNode[] = [];
      while (k < entries.length && !end(entries[k])) {
        const first = entries[k];
        if (first.chapter === null) {
          out.push(articleOf(entries[k++]));
          continue;
        }
        out.push(chapter(first.chapter, ...sections((e) => end(e) || !sameUpTo(e, first, 'chapter'))));
      }
      return out;
    };
    while (k < entries.length) {
      const first = entries[k];
      if (first.part === null) body.push(...chapters((e) => e.part !== null));
      else body.push(part(first.part, ...chapters((e) => e.part !== first.part)));
    }
    const head = law.notes.length ? [preamble(...law.notes)] : [];
    return doc(law.title, ...head, ...body);
  });
}

/// The kinds of edit `revise` makes.
export const editKinds = [
  'insert-article',
  'delete-article',
  'move-article',
  'split-article',
  'merge-articles',
  'add-paragraph',
  'delete-paragraph',
  'add-item',
  'delete-item',
  'change-words',
  'rename-chapter',
] as const;

export type EditKind = (typeof editKinds)[number];

const clone = (e: Entry): Entry => ({
  ...e,
  paragraphs: e.paragraphs.map((p) => ({
    text: p.text,
    items: p.items.map((i) => ({ text: i.text, subitems: [...i.subitems] })),
  })),
});

/// `law` with `count` random edits made, and the kinds made.
export function revise(
  law: FlatLaw,
  random: () => number,
  count: number,
  language: 'zh' | 'en',
): { law: FlatLaw; edits: EditKind[] } {
  const entries = law.entries.map(clone);
  const edits: EditKind[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const index = (n: number) => Math.floor(random() * n);
  const sentences = law.entries
    .flatMap((e) => e.paragraphs.flatMap((p) => p.text.split(language === 'zh' ? /(?<=。)/ : /(?<=\.)\s+/)))
    .filter((s) => s.length > 8);
  const sentence = () => pick(sentences);
  const words =
    language === 'zh'
      ? ['依法', '及时', '有关部门', '并报告', '国务院', '网络数据', '必要的']
      : ['promptly', 'relevant', 'in writing', 'the competent department', 'at least', 'lawfully'];
  const lines = (e: Entry) =>
    e.paragraphs.flatMap((p, pi) => [
      { get: () => p.text, set: (t: string) => (e.paragraphs[pi].text = t) },
      ...p.items.map((it) => ({ get: () => it.text, set: (t: string) => (it.text = t) })),
    ]);
  for (let attempt = 0; edits.length < count && attempt < count * 10; attempt++) {
    const kind = pick(editKinds);
    const k = index(entries.length);
    const e = entries[k];
    switch (kind) {
      case 'insert-article': {
        const at = index(entries.length + 1);
        const place = entries[Math.min(at, entries.length - 1)];
        const text = Array.from({ length: 1 + index(3) }, sentence).join(language === 'zh' ? '' : ' ');
        entries.splice(at, 0, {
          part: place.part,
          chapter: place.chapter,
          section: place.section,
          paragraphs: [{ text, items: [] }],
        });
        break;
      }
      case 'delete-article':
        if (entries.length < 3) continue;
        entries.splice(k, 1);
        break;
      case 'move-article': {
        if (entries.length < 3) continue;
        const [moved] = entries.splice(k, 1);
        const at = index(entries.length + 1);
        const place = entries[Math.min(at, entries.length - 1)];
        entries.splice(at, 0, { ...moved, part: place.part, chapter: place.chapter, section: place.section });
        break;
      }
      case 'split-article': {
        if (e.paragraphs.length < 2) continue;
        const cut = 1 + index(e.paragraphs.length - 1);
        entries.splice(k + 1, 0, { ...e, id: undefined, paragraphs: e.paragraphs.splice(cut) });
        break;
      }
      case 'merge-articles': {
        if (k + 1 >= entries.length) continue;
        e.paragraphs.push(...entries[k + 1].paragraphs);
        entries.splice(k + 1, 1);
        break;
      }
      case 'add-paragraph':
        e.paragraphs.splice(index(e.paragraphs.length + 1), 0, { text: sentence(), items: [] });
        break;
      case 'delete-paragraph':
        if (e.paragraphs.length < 2) continue;
        e.paragraphs.splice(index(e.paragraphs.length), 1);
        break;
      case 'add-item': {
        const p = pick(e.paragraphs);
        p.items.splice(index(p.items.length + 1), 0, { text: sentence(), subitems: [] });
        break;
      }
      case 'delete-item': {
        const p = e.paragraphs.find((x) => x.items.length > 0);
        if (!p) continue;
        p.items.splice(index(p.items.length), 1);
        break;
      }
      case 'change-words': {
        const line = pick(lines(e));
        const text = line.get();
        if (language === 'zh') {
          const at = index(text.length + 1);
          const span = index(5);
          const choice = random();
          const add = choice < 0.7 ? pick(words) : '';
          line.set(text.slice(0, at) + add + text.slice(choice < 0.4 ? at : at + span));
        } else {
          const tokens = text.split(' ');
          const at = index(tokens.length + 1);
          const choice = random();
          if (choice < 0.4) tokens.splice(at, 0, pick(words));
          else if (choice < 0.7) tokens.splice(at, 1 + index(2));
          else tokens.splice(at, 1, pick(words));
          line.set(tokens.join(' '));
        }
        break;
      }
      case 'rename-chapter': {
        if (e.chapter === null) continue;
        const old = e.chapter;
        const renamed =
          language === 'zh'
            ? `${old}与${pick(['监督', '保障', '协调'])}`
            : `${old} and ${pick(['Supervision', 'Safeguards', 'Coordination'])}`;
        for (const other of entries)
          if (other.chapter === old && other.part === e.part) other.chapter = renamed;
        break;
      }
    }
    edits.push(kind);
  }
  return { law: { ...law, entries }, edits };
}
