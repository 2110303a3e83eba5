/// Applying an instrument to the law as in force: the amended law, or every reason it cannot be made.
///
/// All instructions are checked before anything is changed, and any problem stops the whole: a
/// target that does not exist, quoted words not found or found more than once, two instructions at
/// odds (an article deleted and amended), a place given twice, items or articles numbered wrong,
/// chapters left without articles. Each problem names its instruction.
///
/// Old text keeps its words; when the closing formula says the articles are renumbered (and always
/// in a 修正案, whose numbers Lifa turns into positions), its citations follow their articles. The
/// amended law is numbered by position, as every Lifa draft is: 第十七条之一 of a 修正案 becomes the
/// article after 第十七条, and citations of it say so.
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
  subitem,
  withIds,
} from '../build.ts';
import { randomId } from '../ids.ts';
import type { IdGenerator } from '../ids.ts';
import type { Language } from '../language.ts';
import { citationLabel, label } from '../numbering.ts';
import type { Outline } from '../outline.ts';
import { articleParagraphs } from './content.ts';
import type { FinalDivision, Placement } from './layout.ts';
import { divisionAt, layoutProblems, placeArticles, refOf } from './layout.ts';
import type {
  ArticlePosition,
  DivisionRef,
  Instrument,
  InstrumentProblem,
  ItemText,
  Operation,
  ParagraphText,
  ProvisionRef,
} from './model.ts';
import { InstrumentError } from './model.ts';
import type { ParsedInstrument } from './parse.ts';
import { parseInstrument } from './parse.ts';
import { enDivision, enPosition, zhDivision, zhPosition } from './print.ts';
import type { ArticleLabel, Relabel, TextEdit } from './renumber.ts';
import { applyEdits, citationEdits, relabelCitations } from './renumber.ts';
import { instrumentText } from './text.ts';
import { findWords, joinWords } from './typography.ts';

/// Options of applyInstrument.
export interface ApplyOptions {
  /// The language of the law and the instrument. Defaults to the law's.
  readonly language?: Language;
  /// Add the headnote (题注) to the law's preamble: "根据…《关于修改〈…〉的决定》修正". A string is the
  /// adoption it names ("2024年4月26日第十四届全国人民代表大会常务委员会第九次会议"). Defaults to none.
  readonly headnote?: boolean | string;
  /// Ids of added articles and divisions. Defaults to randomId; existing ones keep theirs.
  readonly ids?: IdGenerator;
}

/// The amended law.
export interface AppliedInstrument {
  /// The amended law, a document of core's schema numbered by position.
  readonly doc: PMNode;
  /// The instrument as read.
  readonly instrument: ParsedInstrument;
}

/// Apply `instrument` (its text, or a drafted Instrument, which is printed and read back) to the law
/// `old`. Throws InstrumentError listing every problem when it cannot be applied whole.
export function applyInstrument(
  old: Outline,
  instrument: string | Instrument,
  options: ApplyOptions = {},
): AppliedInstrument {
  const result = tryApplyInstrument(old, instrument, options);
  if (!result.ok) throw new InstrumentError(result.problems);
  return result.value;
}

/// applyInstrument without the throw.
export function tryApplyInstrument(
  old: Outline,
  instrument: string | Instrument,
  options: ApplyOptions = {},
): { ok: true; value: AppliedInstrument } | { ok: false; problems: readonly InstrumentProblem[] } {
  const language = options.language ?? old.language;
  const text = typeof instrument === 'string' ? instrument : instrumentText(instrument);
  const parsed = parseInstrument(text, language);
  if (parsed.problems.length) return { ok: false, problems: parsed.problems };
  const applier = new Applier(old, parsed, language, options);
  const doc = applier.run();
  if (!doc || applier.problems.length) return { ok: false, problems: applier.problems };
  return { ok: true, value: { doc, instrument: parsed } };
}

interface Numbered<T> {
  readonly n: number;
  readonly op: T;
}

type Op<K extends Operation['op']> = Extract<Operation, { op: K }>;

// What the instrument does to one article of the law in force.
interface ArticleChanges {
  deleted?: number;
  rewrite?: Numbered<Op<'rewrite'>>;
  renumber?: Numbered<Op<'renumber-article'>>;
  place?: Numbered<DivisionRef>;
  merged?: Numbered<Op<'merge-articles'>>;
  readonly splits: Array<Numbered<Op<'split-article'>>>;
  readonly paragraphs: Map<number, ParagraphChanges>;
  readonly addParagraphs: Array<Numbered<Op<'add-paragraph'>>>;
  readonly words: Array<Numbered<Op<'replace-words' | 'delete-words' | 'insert-words'>>>;
  /// The first instruction that touches the article, to name in conflicts.
  touched?: number;
}

interface ParagraphChanges {
  deleted?: number;
  rewrite?: Numbered<Op<'rewrite'>>;
  readonly items: Map<number, { deleted?: number; rewrite?: Numbered<Op<'rewrite'>> }>;
  readonly addItems: Array<Numbered<Op<'add-item'>>>;
}

// An article of the amended law: one of the law in force (by index), or made by an instruction.
type Final =
  | { readonly kind: 'existing'; readonly old: number }
  | { readonly kind: 'added'; readonly n: number; readonly op: Op<'add-article'> }
  | { readonly kind: 'merged'; readonly n: number; readonly op: Op<'merge-articles'> }
  | { readonly kind: 'split'; readonly n: number; readonly op: Op<'split-article'> };

// A line of an old article: where it stands, and its text.
interface OldLine {
  readonly paragraph: number;
  readonly item: number | null;
  readonly subitem: number | null;
  readonly text: string;
}

class Applier {
  readonly problems: InstrumentProblem[] = [];
  private readonly changes: ArticleChanges[];
  private readonly amendment: boolean;
  private readonly renumbers: boolean;
  private final: Final[] = [];
  /// For each old article, its position (1-based) in the amended law, or 0.
  private finalOf: number[] = [];
  /// Positions of the articles a 修正案 inserts, by label.
  private readonly insertedAt = new Map<string, number>();

  constructor(
    private readonly old: Outline,
    private readonly instrument: ParsedInstrument,
    private readonly language: Language,
    private readonly options: ApplyOptions,
  ) {
    this.changes = old.articles.map(() => ({
      splits: [],
      paragraphs: new Map(),
      addParagraphs: [],
      words: [],
    }));
    this.amendment = instrument.style === 'amendment';
    this.renumbers = instrument.renumbers || this.amendment;
  }

  private problem(n: number | null, message: string): void {
    this.problems.push({ instruction: n, message });
  }

  run(): PMNode | null {
    const ops: Array<Numbered<Operation>> = [];
    for (const instruction of this.instrument.instructions)
      for (const op of instruction.operations) ops.push({ n: instruction.number, op });
    const roots = this.oldTree();
    // Each step goes on past the problems of the one before when it can, so that one run names as
    // many problems as it can; nothing is built while there is any.
    for (const { n, op } of ops) this.collect(n, op, roots);
    const before = this.problems.length;
    this.order(ops);
    if (this.problems.length > before) return this.stop();
    const contents = this.final.map((f) => this.content(f));
    if (this.problems.length) return this.stop();
    const tree = this.divisions(ops, roots);
    if (this.problems.length || !tree) return this.stop();
    return this.build(contents, tree);
  }

  // Problems in the order of their instructions (those of the whole instrument last).
  private stop(): null {
    this.problems.sort((a, b) => (a.instruction ?? Infinity) - (b.instruction ?? Infinity));
    return null;
  }

  // --- Names for messages ----------------------------------------------------------------------------

  private articleName(n: number): string {
    return label('article', n, this.language);
  }

  private provisionName(ref: ProvisionRef): string {
    const single = (this.old.articles[ref.article - 1]?.paragraphs.length ?? 0) <= 1;
    // An article of one paragraph is never cited by paragraph (第十二条第三项, not 第十二条第一款第三项).
    const paragraph = single ? null : (ref.paragraph ?? null);
    return citationLabel({ article: ref.article, paragraph, item: ref.item ?? null }, this.language);
  }

  private divisionName(ref: DivisionRef, hasParts: boolean): string {
    return this.language === 'zh' ? zhDivision(ref, hasParts) : enDivision(ref, hasParts);
  }

  private positionName(at: ArticlePosition): string {
    return this.language === 'zh' ? zhPosition(at) : enPosition(at);
  }

  // --- Collecting what happens to each article -----------------------------------------------------

  private article(n: number, number: number): ArticleChanges | null {
    const changes = this.changes[number - 1];
    if (!changes) {
      this.problem(
        n,
        `${this.articleName(number)} does not exist: the law has ${this.old.articles.length} articles`,
      );
      return null;
    }
    if (changes.deleted !== undefined && changes.deleted !== n) {
      this.problem(n, `${this.articleName(number)} is deleted by instruction ${changes.deleted}`);
      return null;
    }
    changes.touched ??= n;
    return changes;
  }

  private paragraphOf(n: number, ref: ProvisionRef, changes: ArticleChanges): ParagraphChanges | null {
    const paragraphs = this.old.articles[ref.article - 1].paragraphs;
    const p = ref.paragraph ?? 1;
    if (p < 1 || p > paragraphs.length) {
      this.problem(
        n,
        `${this.articleName(ref.article)} has no ${this.paragraphWord(p)}: it has ${paragraphs.length}`,
      );
      return null;
    }
    let entry = changes.paragraphs.get(p);
    if (!entry) {
      entry = { items: new Map(), addItems: [] };
      changes.paragraphs.set(p, entry);
    }
    if (entry.deleted !== undefined) {
      this.problem(
        n,
        `${this.provisionName({ article: ref.article, paragraph: p })} is deleted by instruction ${entry.deleted}`,
      );
      return null;
    }
    if (ref.item !== undefined) {
      const items = paragraphs[p - 1].items.length;
      if (ref.item < 1 || ref.item > items) {
        this.problem(
          n,
          `${this.provisionName({ article: ref.article, paragraph: p })} has no ${this.itemWord(ref.item)}: it has ${items}`,
        );
        return null;
      }
    }
    return entry;
  }

  private paragraphWord(p: number): string {
    return this.language === 'zh' ? label('paragraph', p, 'zh') : `paragraph ${p}`;
  }

  private itemWord(i: number): string {
    return this.language === 'zh' ? `第${label('item', i, 'zh').slice(1, -1)}项` : `subparagraph (${i})`;
  }

  private conflict(n: number, what: string, other: number | undefined): boolean {
    if (other === undefined || other === n) return false;
    this.problem(n, `${what} is already changed by instruction ${other}`);
    return true;
  }

  private collect(n: number, op: Operation, roots: FinalDivision[]): void {
    switch (op.op) {
      case 'delete-articles':
        for (const a of op.articles) this.deleteArticle(n, a);
        return;
      case 'delete-division': {
        const division = divisionAt(op.division, roots);
        if (!division) {
          this.problem(n, `${this.divisionName(op.division, this.hasParts(roots))} does not exist`);
          return;
        }
        if (op.articles) for (const a of this.articlesInOld(division)) this.deleteArticle(n, a + 1);
        return;
      }
      case 'renumber-article': {
        const changes = this.article(n, op.article);
        if (!changes || this.conflict(n, this.articleName(op.article) + "'s number", changes.renumber?.n))
          return;
        changes.renumber = { n, op };
        if (op.into) changes.place = { n, op: op.into };
        return;
      }
      case 'place-articles':
        for (const a of op.articles) {
          const changes = this.article(n, a);
          if (changes && !this.conflict(n, `where ${this.articleName(a)} stands`, changes.place?.n))
            changes.place = { n, op: op.into };
        }
        return;
      case 'merge-articles': {
        for (const a of op.articles) {
          const changes = this.article(n, a);
          if (!changes) continue;
          if (
            this.conflict(
              n,
              this.articleName(a),
              changes.merged?.n ?? changes.rewrite?.n ?? changes.renumber?.n,
            )
          )
            continue;
          changes.merged = { n, op };
        }
        return;
      }
      case 'split-article': {
        const changes = this.article(n, op.article);
        if (!changes) return;
        const count = this.old.articles[op.article - 1].paragraphs.length;
        if (op.from < 1 || op.to < op.from || op.to > count) {
          this.problem(
            n,
            `${this.articleName(op.article)} has no ${this.paragraphWord(op.to > count ? op.to : op.from)}: it has ${count}`,
          );
          return;
        }
        if (op.to - op.from + 1 >= count) {
          this.problem(
            n,
            `splitting off every paragraph of ${this.articleName(op.article)} leaves nothing: renumber it instead`,
          );
          return;
        }
        for (const other of changes.splits) {
          if (op.from <= other.op.to && other.op.from <= op.to)
            this.problem(
              n,
              `${this.articleName(op.article)}: the paragraphs split off overlap those of instruction ${other.n}`,
            );
        }
        changes.splits.push({ n, op });
        return;
      }
      case 'rewrite': {
        const changes = this.article(n, op.target.article);
        if (!changes) return;
        if (op.target.paragraph === undefined) {
          if (this.conflict(n, this.articleName(op.target.article), changes.rewrite?.n ?? changes.merged?.n))
            return;
          changes.rewrite = { n, op };
          return;
        }
        const paragraph = this.paragraphOf(n, op.target, changes);
        if (!paragraph) return;
        if (op.target.item === undefined) {
          if (this.conflict(n, this.provisionName(op.target), paragraph.rewrite?.n)) return;
          paragraph.rewrite = { n, op };
          return;
        }
        const entry = paragraph.items.get(op.target.item) ?? {};
        if (this.conflict(n, this.provisionName(op.target), entry.rewrite?.n ?? entry.deleted)) return;
        paragraph.items.set(op.target.item, { ...entry, rewrite: { n, op } });
        return;
      }
      case 'delete-provision': {
        const changes = this.article(n, op.target.article);
        if (!changes) return;
        const paragraph = this.paragraphOf(n, op.target, changes);
        if (!paragraph) return;
        if (op.target.item === undefined) {
          if (this.conflict(n, this.provisionName(op.target), paragraph.rewrite?.n)) return;
          paragraph.deleted = n;
          return;
        }
        const entry = paragraph.items.get(op.target.item) ?? {};
        if (this.conflict(n, this.provisionName(op.target), entry.rewrite?.n ?? entry.deleted)) return;
        paragraph.items.set(op.target.item, { ...entry, deleted: n });
        return;
      }
      case 'add-paragraph': {
        const changes = this.article(n, op.article);
        if (changes) changes.addParagraphs.push({ n, op });
        return;
      }
      case 'add-item': {
        const changes = this.article(n, op.article);
        const paragraph =
          changes && this.paragraphOf(n, { article: op.article, paragraph: op.paragraph }, changes);
        if (paragraph) paragraph.addItems.push({ n, op });
        return;
      }
      case 'replace-words':
      case 'delete-words':
      case 'insert-words': {
        const changes = this.article(n, op.target.article);
        if (!changes) return;
        if (op.target.paragraph !== undefined && !this.paragraphOf(n, op.target, changes)) return;
        changes.words.push({ n, op });
        return;
      }
      case 'add-article':
      case 'add-division':
      case 'rename-division':
      case 'rename-law':
        return;
    }
  }

  private deleteArticle(n: number, a: number): void {
    const changes = this.changes[a - 1];
    if (!changes) {
      this.problem(
        n,
        `${this.articleName(a)} does not exist: the law has ${this.old.articles.length} articles`,
      );
      return;
    }
    if (changes.deleted !== undefined) {
      this.problem(n, `${this.articleName(a)} is already deleted by instruction ${changes.deleted}`);
      return;
    }
    changes.deleted = n;
  }

  // --- The order of the amended law ------------------------------------------------------------------

  private order(ops: ReadonlyArray<Numbered<Operation>>): void {
    // Conflicts that deletion brings: a deleted article must not be touched by any other instruction.
    this.changes.forEach((changes, k) => {
      if (changes.deleted === undefined) return;
      const other = [
        changes.rewrite?.n,
        changes.renumber?.n,
        changes.merged?.n,
        changes.place?.n,
        ...changes.splits.map((s) => s.n),
        ...changes.addParagraphs.map((s) => s.n),
        ...changes.words.map((s) => s.n),
        ...[...changes.paragraphs.values()].flatMap((p) => [
          p.deleted,
          p.rewrite?.n,
          ...p.addItems.map((a) => a.n),
          ...[...p.items.values()].flatMap((i) => [i.deleted, i.rewrite?.n]),
        ]),
      ].find((x) => x !== undefined && x !== changes.deleted);
      if (other !== undefined)
        this.problem(other, `${this.articleName(k + 1)} is deleted by instruction ${changes.deleted}`);
    });
    const placed: Array<{ n: number; at: ArticlePosition; item: Final }> = [];
    for (const { n, op } of ops) {
      if (op.op === 'add-article') placed.push({ n, at: op.at, item: { kind: 'added', n, op } });
      else if (op.op === 'merge-articles') placed.push({ n, at: op.at, item: { kind: 'merged', n, op } });
      else if (op.op === 'split-article') placed.push({ n, at: op.at, item: { kind: 'split', n, op } });
      else if (op.op === 'renumber-article')
        placed.push({ n, at: op.at, item: { kind: 'existing', old: op.article - 1 } });
    }
    const existing: number[] = [];
    this.changes.forEach((changes, k) => {
      if (changes.deleted === undefined && !changes.merged && !changes.renumber) existing.push(k);
    });
    if (this.amendment) this.orderAmendment(placed, existing);
    else this.orderDecision(placed, existing);
    if (this.problems.length) return;
    this.finalOf = new Array<number>(this.old.articles.length).fill(0);
    this.final.forEach((f, k) => {
      if (f.kind === 'existing') this.finalOf[f.old] = k + 1;
      if (f.kind === 'merged') for (const a of f.op.articles) this.finalOf[a - 1] = k + 1;
    });
  }

  private orderDecision(
    placed: Array<{ n: number; at: ArticlePosition; item: Final }>,
    existing: number[],
  ): void {
    const total = existing.length + placed.length;
    const slots = new Array<Final | undefined>(total);
    const owner = new Array<number>(total);
    for (const { n, at, item } of placed) {
      if (!('number' in at)) {
        this.problem(
          n,
          `a decision gives an article its number (${this.positionName({ number: at.after + 1 })}), not ${this.positionName(at)}`,
        );
        continue;
      }
      if (at.number < 1 || at.number > total) {
        this.problem(n, `${this.positionName(at)} is beyond the ${total} articles of the amended law`);
        continue;
      }
      if (slots[at.number - 1]) {
        this.problem(n, `${this.positionName(at)} is also given by instruction ${owner[at.number - 1]}`);
        continue;
      }
      slots[at.number - 1] = item;
      owner[at.number - 1] = n;
    }
    let next = 0;
    this.final = [];
    for (let k = 0; k < total; k++) this.final.push(slots[k] ?? { kind: 'existing', old: existing[next++] });
  }

  private orderAmendment(
    placed: Array<{ n: number; at: ArticlePosition; item: Final }>,
    existing: number[],
  ): void {
    const after = new Map<number, Array<{ n: number; index: number; item: Final }>>();
    for (const { n, at, item } of placed) {
      if (item.kind !== 'added') {
        this.problem(n, `a 修正案 does not renumber, merge or split articles`);
        continue;
      }
      if ('number' in at) {
        this.problem(
          n,
          `a 修正案 adds an article after another (${this.positionName({ after: at.number - 1, index: 1 })}), not as ${this.positionName(at)}`,
        );
        continue;
      }
      if (at.after < 0 || at.after > this.old.articles.length) {
        this.problem(
          n,
          `${this.articleName(Math.max(1, at.after))} does not exist: the law has ${this.old.articles.length} articles`,
        );
        continue;
      }
      const list = after.get(at.after) ?? [];
      list.push({ n, index: at.index, item });
      after.set(at.after, list);
    }
    for (const [anchor, list] of after) {
      list.sort((a, b) => a.index - b.index);
      list.forEach((entry, k) => {
        if (entry.index !== k + 1)
          this.problem(
            entry.n,
            `${this.positionName({ after: anchor, index: entry.index })} where ${this.positionName({ after: anchor, index: k + 1 })} was expected`,
          );
        this.insertedAt.set(`${anchor}:${entry.index}`, -1);
      });
    }
    const keep = new Set(existing);
    this.final = [];
    for (const { item } of after.get(0) ?? []) this.final.push(item);
    for (let k = 0; k < this.old.articles.length; k++) {
      if (keep.has(k)) this.final.push({ kind: 'existing', old: k });
      for (const { item } of after.get(k + 1) ?? []) this.final.push(item);
    }
    // Where each inserted article landed, for its citations.
    this.final.forEach((f, k) => {
      if (f.kind === 'added' && 'after' in f.op.at)
        this.insertedAt.set(`${f.op.at.after}:${f.op.at.index}`, k + 1);
    });
  }

  // --- Text ----------------------------------------------------------------------------------------------

  // Citations in the old text: renumbered with their articles when the instrument says so.
  private readonly relabelOld: Relabel = (n) => {
    if (!this.renumbers) return null;
    const position = this.finalOf[n - 1];
    return position ? { number: position } : null;
  };

  // Quoted text: a decision quotes in the amended law's numbering; a 修正案 in its own, which becomes
  // positions here.
  private quoted(text: string): string {
    if (!this.amendment) return text;
    return relabelCitations(text, this.language, (l: ArticleLabel) => {
      if (!l.suffix) return this.relabelOld(l.number);
      const position = this.insertedAt.get(`${l.number}:${l.suffix}`);
      return position && position > 0 ? { number: position } : null;
    });
  }

  private quotedParagraphs(paragraphs: readonly ParagraphText[]): ParagraphText[] {
    return paragraphs.map((p) => ({
      text: this.quoted(p.text),
      items: p.items.map((i) => this.quotedItem(i)),
    }));
  }

  private quotedItem(item: ItemText): ItemText {
    return { text: this.quoted(item.text), subitems: item.subitems.map((s) => this.quoted(s)) };
  }

  // An old line with the instrument's word edits made and its citations renumbered around them.
  private oldText(text: string, edits: readonly TextEdit[]): string {
    const citations = citationEdits(text, this.language, this.relabelOld).filter(
      (c) =>
        !edits.some((w) =>
          w.start === w.end ? c.start < w.start && w.start < c.end : c.start < w.end && w.start < c.end,
        ),
    );
    const all = [...edits, ...citations].sort((a, b) => a.start - b.start || a.end - b.end);
    return applyEdits(text, all);
  }

  private oldParagraph(articleIndex: number, p: number): ParagraphText {
    const paragraph = articleParagraphs(this.old.articles[articleIndex])[p];
    return {
      text: this.oldText(paragraph.text, []),
      items: paragraph.items.map((i) => ({
        text: this.oldText(i.text, []),
        subitems: i.subitems.map((s) => this.oldText(s, [])),
      })),
    };
  }

  private content(f: Final): ParagraphText[] {
    switch (f.kind) {
      case 'added':
        return this.quotedParagraphs(f.op.paragraphs);
      case 'merged':
        return f.op.paragraphs
          ? this.quotedParagraphs(f.op.paragraphs)
          : f.op.articles.flatMap((a) =>
              this.old.articles[a - 1].paragraphs.map((_, p) => this.oldParagraph(a - 1, p)),
            );
      case 'split': {
        if (f.op.paragraphs) return this.quotedParagraphs(f.op.paragraphs);
        const out: ParagraphText[] = [];
        for (let p = f.op.from; p <= f.op.to; p++) out.push(this.oldParagraph(f.op.article - 1, p - 1));
        return out;
      }
      case 'existing':
        return this.amendedArticle(f.old);
    }
  }

  // An article of the law in force with its changes made.
  private amendedArticle(k: number): ParagraphText[] {
    const changes = this.changes[k];
    const number = k + 1;
    if (changes.rewrite) {
      const others = [
        ...changes.words.map((w) => w.n),
        ...changes.addParagraphs.map((a) => a.n),
        ...[...changes.paragraphs.values()].flatMap((p) => [
          p.deleted,
          p.rewrite?.n,
          ...p.addItems.map((a) => a.n),
          ...[...p.items.values()].flatMap((i) => [i.deleted, i.rewrite?.n]),
        ]),
      ].filter((x): x is number => x !== undefined && x !== changes.rewrite!.n);
      if (others.length)
        this.problem(
          others[0],
          `${this.articleName(number)} is rewritten whole by instruction ${changes.rewrite.n}`,
        );
      return this.quotedParagraphs(changes.rewrite.op.paragraphs);
    }
    const source = articleParagraphs(this.old.articles[k]);
    const lines: OldLine[] = [];
    source.forEach((p, pi) => {
      lines.push({ paragraph: pi + 1, item: null, subitem: null, text: p.text });
      p.items.forEach((it, ii) => {
        lines.push({ paragraph: pi + 1, item: ii + 1, subitem: null, text: it.text });
        it.subitems.forEach((s, si) =>
          lines.push({ paragraph: pi + 1, item: ii + 1, subitem: si + 1, text: s }),
        );
      });
    });
    const edits = lines.map((): TextEdit[] => []);
    const owners = lines.map((): number[] => []);
    const splitOff = (p: number) => changes.splits.find((s) => p >= s.op.from && p <= s.op.to);
    for (const { n, op } of changes.words) {
      const scope = lines
        .map((line, index) => ({ line, index }))
        .filter(
          ({ line }) =>
            (op.target.paragraph === undefined || line.paragraph === op.target.paragraph) &&
            (op.target.item === undefined || line.item === op.target.item),
        );
      const words = op.op === 'insert-words' ? op.anchor : op.op === 'replace-words' ? op.from : op.words;
      const where = this.provisionName(op.target);
      const matches = findWords(
        scope.map((s) => s.line.text),
        words,
        this.language,
      );
      if (matches.length === 0) {
        this.problem(n, `“${words}” is not found in ${where}`);
        continue;
      }
      if (matches.length > 1) {
        this.problem(
          n,
          `“${words}” is found ${matches.length} times in ${where}: quote more words so that it is found once`,
        );
        continue;
      }
      const m = matches[0];
      const index = scope[m.line].index;
      const line = lines[index];
      const paragraph = changes.paragraphs.get(line.paragraph);
      const itemChanges = line.item === null ? undefined : paragraph?.items.get(line.item);
      const gone =
        paragraph?.deleted ?? paragraph?.rewrite?.n ?? itemChanges?.deleted ?? itemChanges?.rewrite?.n;
      if (gone !== undefined) {
        this.problem(
          n,
          `“${words}” stands in ${this.provisionName({ article: number, paragraph: line.paragraph, ...(line.item !== null && { item: line.item }) })}, which instruction ${gone} deletes or rewrites`,
        );
        continue;
      }
      if (splitOff(line.paragraph)) {
        this.problem(
          n,
          `“${words}” stands in a paragraph that instruction ${splitOff(line.paragraph)!.n} splits off`,
        );
        continue;
      }
      let edit: TextEdit;
      if (op.op === 'replace-words') edit = { start: m.start, end: m.end, text: this.quoted(op.to) };
      else if (op.op === 'delete-words') edit = { start: m.start, end: m.end, text: '' };
      else {
        const at = op.side === 'after' ? m.end : m.start;
        const words = this.quoted(op.words);
        edit = { start: at, end: at, text: this.language === 'en' ? joinWords(line.text, at, words) : words };
      }
      const clash = edits[index].findIndex((e) =>
        e.start === e.end || edit.start === edit.end
          ? (e.start < edit.end && edit.start < e.end) || (e.start === edit.start && e.end === edit.end)
          : e.start < edit.end && edit.start < e.end,
      );
      if (clash >= 0) {
        this.problem(n, `the words it quotes overlap those of instruction ${owners[index][clash]}`);
        continue;
      }
      edits[index].push(edit);
      owners[index].push(n);
    }
    const text = (index: number) =>
      this.oldText(
        lines[index].text,
        edits[index].sort((a, b) => a.start - b.start),
      );
    let cursor = 0;
    const kept: ParagraphText[] = [];
    source.forEach((p, pi) => {
      const number = pi + 1;
      const leadIndex = cursor;
      const itemIndices: number[][] = [];
      cursor++;
      for (const it of p.items) {
        const indices = [cursor++];
        for (let s = 0; s < it.subitems.length; s++) indices.push(cursor++);
        itemIndices.push(indices);
      }
      const paragraph = changes.paragraphs.get(number);
      if (paragraph?.deleted !== undefined || splitOff(number)) return;
      if (paragraph?.rewrite) {
        kept.push(...this.quotedParagraphs(paragraph.rewrite.op.paragraphs));
        return;
      }
      const items: Array<ItemText | null> = [];
      const rewritten: Array<{ at: number; n: number; label?: number }> = [];
      itemIndices.forEach((indices, ii) => {
        const entry = paragraph?.items.get(ii + 1);
        if (entry?.deleted !== undefined) return;
        if (entry?.rewrite) {
          rewritten.push({ at: items.length, n: entry.rewrite.n, label: entry.rewrite.op.label });
          items.push(this.quotedItem(entry.rewrite.op.paragraphs[0].items[0]));
          return;
        }
        items.push({ text: text(indices[0]), subitems: indices.slice(1).map(text) });
      });
      const placedItems = this.slots(
        items.filter((x): x is ItemText => x !== null),
        (paragraph?.addItems ?? []).map((a) => ({ n: a.n, at: a.op.at, value: this.quotedItem(a.op.item) })),
        (at) => `${this.provisionName({ article: k + 1, paragraph: number })}: ${this.itemWord(at)}`,
      );
      // A rewritten item is quoted with its number after the amendment.
      for (const r of rewritten) {
        const position = placedItems.indexOf(items[r.at]!) + 1;
        if (r.label !== undefined && r.label !== position)
          this.problem(
            r.n,
            `the rewritten item would be ${label('item', position, this.language)} but is quoted as ${label('item', r.label, this.language)}`,
          );
      }
      kept.push({ text: text(leadIndex), items: placedItems });
    });
    const result = this.slots(
      kept,
      changes.addParagraphs.map((a) => ({
        n: a.n,
        at: a.op.at,
        value: this.quotedParagraphs([a.op.paragraph])[0],
      })),
      (at) => `${this.articleName(number)}: ${this.paragraphWord(at)}`,
    );
    if (result.length === 0)
      this.problem(
        changes.touched ?? null,
        `${this.articleName(number)} would have no paragraph left: delete the article instead`,
      );
    return result;
  }

  // Kept entries in order, with added ones at their places (1-based).
  private slots<T>(
    kept: readonly T[],
    added: ReadonlyArray<{ n: number; at: number; value: T }>,
    name: (at: number) => string,
  ): T[] {
    const total = kept.length + added.length;
    const slots = new Array<T | undefined>(total);
    const owner = new Array<number>(total);
    for (const { n, at, value } of added) {
      if (at < 1 || at > total) {
        this.problem(n, `${name(at)} is beyond the ${total} there would be`);
        continue;
      }
      if (slots[at - 1] !== undefined) {
        this.problem(n, `${name(at)} is also added by instruction ${owner[at - 1]}`);
        continue;
      }
      slots[at - 1] = value;
      owner[at - 1] = n;
    }
    let next = 0;
    const out: T[] = [];
    for (let k = 0; k < total; k++) {
      const value = slots[k] ?? kept[next++];
      if (value !== undefined) out.push(value);
    }
    return out;
  }

  // --- Divisions -------------------------------------------------------------------------------------------

  private oldNodes: FinalDivision[] = [];

  private oldTree(): FinalDivision[] {
    const roots: FinalDivision[] = [];
    const byId = new Map<string, FinalDivision>();
    this.oldNodes = this.old.divisions.map((d, k) => {
      const parent = d.parentId ? (byId.get(d.parentId) ?? null) : null;
      const node: FinalDivision = {
        level: d.kind,
        parent,
        heading: d.heading,
        old: k,
        id: d.id,
        children: [],
      };
      (parent ? parent.children : roots).push(node);
      if (d.id) byId.set(d.id, node);
      return node;
    });
    return roots;
  }

  private hasParts(roots: readonly FinalDivision[]): boolean {
    return roots.some((d) => d.level === 'part');
  }

  private articlesInOld(division: FinalDivision): number[] {
    const id = this.old.divisions[division.old!].id;
    const out: number[] = [];
    this.old.articles.forEach((a, k) => {
      if (a.partId === id || a.chapterId === id || a.sectionId === id) out.push(k);
    });
    return out;
  }

  // Position (0-based index into the amended law) of an article named by `at` in the instrument's numbering.
  private finalIndex(at: ArticlePosition): number {
    if ('after' in at) return (this.insertedAt.get(`${at.after}:${at.index}`) ?? 0) - 1;
    if (this.amendment) return (this.finalOf[at.number - 1] ?? 0) - 1;
    return at.number >= 1 && at.number <= this.final.length ? at.number - 1 : -1;
  }

  private divisions(
    ops: ReadonlyArray<Numbered<Operation>>,
    oldRoots: FinalDivision[],
  ): { roots: FinalDivision[]; of: Array<FinalDivision | null> } | null {
    const oldHasParts = this.hasParts(oldRoots);
    const gone = new Set<FinalDivision>();
    const dissolved = new Set<FinalDivision>();
    const headings = new Map<FinalDivision, string>();
    // The instruction that deleted a division or its heading, to name when that leaves a section
    // outside a chapter.
    const removedBy = new Map<FinalDivision, number>();
    const adds: Array<Numbered<Op<'add-division'>>> = [];
    for (const { n, op } of ops) {
      if (op.op === 'rename-division' || op.op === 'delete-division') {
        const node = divisionAt(op.division, oldRoots);
        if (!node) {
          this.problem(n, `${this.divisionName(op.division, oldHasParts)} does not exist`);
          continue;
        }
        if (op.op === 'rename-division') {
          headings.set(node, op.heading);
          continue;
        }
        removedBy.set(node, n);
        if (op.articles) {
          const mark = (d: FinalDivision) => {
            gone.add(d);
            d.children.forEach(mark);
          };
          mark(node);
        } else dissolved.add(node);
      } else if (op.op === 'add-division') adds.push({ n, op });
    }
    // The kept divisions, under their nearest kept ancestor, in their order.
    const keptOf = new Map<FinalDivision, FinalDivision>();
    const roots: FinalDivision[] = [];
    for (const node of this.oldNodes) {
      if (gone.has(node) || dissolved.has(node)) continue;
      let parent = node.parent;
      let remover: number | null = null;
      while (parent && (dissolved.has(parent) || gone.has(parent))) {
        remover = removedBy.get(parent) ?? remover;
        parent = parent.parent;
      }
      const keptParent = parent ? (keptOf.get(parent) ?? null) : null;
      if (node.level === 'section' && keptParent?.level !== 'chapter') {
        this.problem(remover, `the section ${node.heading} would stand outside a chapter`);
        continue;
      }
      const kept: FinalDivision = {
        level: node.level,
        parent: keptParent,
        heading: headings.get(node) ?? node.heading,
        old: node.old,
        id: node.id,
        children: [],
      };
      keptOf.set(node, kept);
      (keptParent ? keptParent.children : roots).push(kept);
    }
    // Added divisions at their places, level by level from the outside in.
    const addedNodes: Array<{ n: number; op: Op<'add-division'>; node: FinalDivision }> = [];
    const hasParts = oldHasParts || adds.some((a) => a.op.at.level === 'part');
    for (const level of ['part', 'chapter', 'section'] as const) {
      const mine = adds.filter((a) => a.op.at.level === level);
      const byParent = new Map<FinalDivision | null, typeof mine>();
      for (const add of mine) {
        const parentRef = parentRefOf(add.op.at);
        const parent = parentRef ? divisionAt(parentRef, roots) : null;
        if (parentRef && !parent) {
          this.problem(add.n, `${this.divisionName(parentRef, hasParts)} does not exist in the amended law`);
          continue;
        }
        const list = byParent.get(parent) ?? [];
        list.push(add);
        byParent.set(parent, list);
      }
      for (const [parent, list] of byParent) {
        const siblings = parent ? parent.children : roots;
        const ofLevel = siblings.filter((d) => d.level === level);
        const others = siblings.filter((d) => d.level !== level);
        const total = ofLevel.length + list.length;
        const slots = new Array<FinalDivision | undefined>(total);
        for (const add of list) {
          const n = add.op.at[level]!;
          if (n < 1 || n > total || slots[n - 1]) {
            this.problem(
              add.n,
              `${this.divisionName(add.op.at, hasParts)} cannot be added there: there would be ${total}`,
            );
            continue;
          }
          const node: FinalDivision = {
            level,
            parent,
            heading: add.op.heading,
            old: null,
            id: null,
            children: [],
          };
          slots[n - 1] = node;
          addedNodes.push({ ...add, node });
        }
        let next = 0;
        const ordered: FinalDivision[] = [];
        for (let k = 0; k < total; k++) {
          const node = slots[k] ?? ofLevel[next++];
          if (node) ordered.push(node);
        }
        siblings.length = 0;
        siblings.push(...others, ...ordered);
      }
    }
    if (this.problems.length) return null;
    // Where each article stands.
    const fixed: Placement[] = this.final.map((f) => {
      if (f.kind !== 'existing') return undefined;
      const a = this.old.articles[f.old];
      const id = a.sectionId ?? a.chapterId ?? a.partId;
      if (!id) return null;
      let node: FinalDivision | null = this.oldNodes.find((d) => d.id === id) ?? null;
      while (node && !keptOf.has(node)) node = node.parent;
      return node ? keptOf.get(node)! : undefined;
    });
    for (const add of addedNodes) {
      const first = this.finalIndex(add.op.first);
      const last = this.finalIndex(add.op.last);
      if (first < 0 || last < first) {
        this.problem(
          add.n,
          `${this.positionName(add.op.first)}–${this.positionName(add.op.last)} are not articles of the amended law`,
        );
        continue;
      }
      for (let k = first; k <= last; k++) fixed[k] = add.node;
    }
    const into = (n: number, ref: DivisionRef, k: number) => {
      const node = divisionAt(ref, roots);
      if (!node) this.problem(n, `${this.divisionName(ref, hasParts)} does not exist in the amended law`);
      else fixed[k] = node;
    };
    this.final.forEach((f, k) => {
      if (f.kind === 'existing') {
        const place = this.changes[f.old].place;
        if (place) into(place.n, place.op, k);
      } else if (f.op.into) into(f.n, f.op.into, k);
    });
    if (this.problems.length) return null;
    const of = placeArticles(fixed);
    const name = (d: FinalDivision) => this.divisionName(refOf(d, roots), hasParts) || d.heading;
    const addedBy = new Map(addedNodes.map((a) => [a.node, a.n]));
    for (const { division, message } of layoutProblems(of, roots, name)) {
      this.problem(division ? (addedBy.get(division) ?? this.blame(division)) : null, message);
    }
    if (this.problems.length) return null;
    return { roots, of };
  }

  // The last instruction that took an article out of a division of the law in force, to name when
  // that division ends up empty or broken; null for an added division (its own instruction is named).
  private blame(division: FinalDivision): number | null {
    if (division.old === null) return null;
    let last: number | null = null;
    for (const k of this.articlesInOld(this.oldNodes[division.old])) {
      const c = this.changes[k];
      for (const n of [c.deleted, c.renumber?.n, c.place?.n, c.merged?.n]) {
        if (n !== undefined && (last === null || n > last)) last = n;
      }
    }
    return last;
  }

  // --- The document ----------------------------------------------------------------------------------------

  private build(
    contents: readonly ParagraphText[][],
    tree: { roots: FinalDivision[]; of: Array<FinalDivision | null> },
  ): PMNode | null {
    if (this.problems.length) return null;
    let title = this.old.title;
    for (const instruction of this.instrument.instructions)
      for (const op of instruction.operations) if (op.op === 'rename-law') title = op.title;
    const notes = [...this.old.preamble];
    if (this.options.headnote) notes.push(this.headnote());
    return withIds(this.options.ids ?? randomId, () => {
      const articleNode = (k: number) => {
        const f = this.final[k];
        const id = f.kind === 'existing' ? this.old.articles[f.old].id : null;
        const paragraphs = contents[k].map((p) =>
          paragraph(p.text, ...p.items.map((i) => item(i.text, ...i.subitems.map((s) => subitem(s))))),
        );
        return id ? article({ id }, ...paragraphs) : article(...paragraphs);
      };
      // Nest articles into their divisions, in order.
      const body: PMNode[] = [];
      const open: Array<{ division: FinalDivision; children: PMNode[] }> = [];
      const close = () => {
        const top = open.pop()!;
        const builder =
          top.division.level === 'part' ? part : top.division.level === 'chapter' ? chapter : section;
        const attrs = top.division.id ? { id: top.division.id } : {};
        const node = builder(attrs, top.division.heading, ...top.children);
        (open.length ? open[open.length - 1].children : body).push(node);
      };
      this.final.forEach((_, k) => {
        const path: FinalDivision[] = [];
        for (let d = tree.of[k]; d; d = d.parent) path.unshift(d);
        let common = 0;
        while (common < open.length && common < path.length && open[common].division === path[common])
          common++;
        while (open.length > common) close();
        for (const d of path.slice(common)) open.push({ division: d, children: [] });
        (open.length ? open[open.length - 1].children : body).push(articleNode(k));
      });
      while (open.length) close();
      const head = notes.length ? [preamble(...notes)] : [];
      return doc(title, ...head, ...body);
    });
  }

  private headnote(): string {
    const adoption = typeof this.options.headnote === 'string' ? this.options.headnote : '';
    const title = this.instrument.title
      .replace(/^.*?(关于修改)/u, '$1')
      .replace(/《/gu, '〈')
      .replace(/》/gu, '〉');
    if (this.language === 'zh') return `根据${adoption}《${title}》修正`;
    return `Amended in accordance with the ${this.instrument.title}${adoption ? ` adopted ${adoption}` : ''}`;
  }
}

function parentRefOf(ref: DivisionRef): DivisionRef | null {
  if (ref.level === 'section')
    return { level: 'chapter', ...(ref.part !== undefined && { part: ref.part }), chapter: ref.chapter };
  if (ref.level === 'chapter' && ref.part !== undefined) return { level: 'part', part: ref.part };
  return null;
}
