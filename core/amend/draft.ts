/// Drafting an amending instrument from two texts of a law: the comparison says which article became
/// which (core/compare), planArticle says how each changed, and this module puts the instructions in
/// the order of the text, with the forms of the chosen style.
///
/// Article numbers: in the decision style, an amended article whose number changes says so first
/// (将第十八条改为第十九条，删去第二款); an unchanged article whose number changes only because others
/// were added or deleted is not mentioned — the closing formula (对条文顺序作相应调整) carries it, and
/// the citations of it with it. An article that moved out of the order of the others is renumbered
/// explicitly (将第十条改为第三十条). In the amendment style no article changes its number: an article
/// inserted after 第十七条 is 第十七条之一, a moved article is deleted and inserted again, merged
/// articles become the first one amended and the others deleted.
import { heaviestChain } from '../compare/chain.ts';
import type { CandidateMatch } from '../compare/chain.ts';
import type { Comparison } from '../compare/comparison.ts';
import { compareOutlines } from '../compare/comparison.ts';
import type { Language } from '../language.ts';
import type { Outline, OutlineArticle, OutlineDivision } from '../outline.ts';
import { articleParagraphs } from './content.ts';
import type { FinalDivision, Placement } from './layout.ts';
import { placeArticles, refOf } from './layout.ts';
import type {
  ArticlePosition,
  DivisionRef,
  Instruction,
  InstructionKind,
  Instrument,
  InstrumentStyle,
  Operation,
  ParagraphText,
  ProvisionRef,
} from './model.ts';
import { planArticle } from './plan.ts';
import type { PrintContext } from './print.ts';
import { carriesContent, printInstruction } from './print.ts';
import type { ArticleLabel, Relabel } from './renumber.ts';
import { applyEdits, citationEdits, relabelCitations } from './renumber.ts';
import { instrumentWords, lawName, shortLawName } from './words.ts';
import { wordsKey } from './typography.ts';

/// Options of draftInstrument.
export interface DraftOptions {
  /// Defaults to 'decision'.
  readonly style?: InstrumentStyle;
  /// Whether articles and divisions with the same id are the same (versions of one draft). Defaults
  /// to true; turn it off for two plain-text files, whose ids were invented by the parser.
  readonly matchIds?: boolean;
  /// The whole title. Defaults to the style's title for the law (…关于修改《…》的决定, …修正案,
  /// Decision of … on Amending …).
  readonly title?: string;
  /// When the instrument takes effect, as written in the closing sentence ("2026年1月1日",
  /// "January 1, 2026"). Defaults to the date of promulgation (公布之日).
  readonly effective?: string;
  /// The enacting body. Defaults to 全国人民代表大会常务委员会 (the NPC Standing Committee) for a
  /// 法 / Law, and 国务院 (the State Council) for regulations.
  readonly body?: string;
  /// Whether the decision republishes the law (……根据本决定作相应修改……，重新公布). Defaults to true;
  /// a 修正案 never does.
  readonly republish?: boolean;
}

/// Draft the instrument that turns the law `oldOutline` into `newOutline`, in the language of
/// `newOutline`. Deterministic. See draftFromComparison.
export function draftInstrument(
  oldOutline: Outline,
  newOutline: Outline,
  options: DraftOptions = {},
): Instrument {
  const comparison = compareOutlines(oldOutline, newOutline, { matchIds: options.matchIds ?? true });
  return draftFromComparison(comparison, oldOutline, newOutline, options);
}

/// Draft the instrument from a comparison of the two outlines already made (by compareOutlines, with
/// the same outlines), so that its instructions can name the comparison's rows.
export function draftFromComparison(
  comparison: Comparison,
  oldOutline: Outline,
  newOutline: Outline,
  options: DraftOptions = {},
): Instrument {
  return new Drafter(comparison, oldOutline, newOutline, options).draft();
}

interface Pair {
  readonly i: number;
  readonly j: number;
  readonly group: number;
  /// Old paragraph indices that stay (all but those split off).
  available: number[];
}

interface Entry {
  readonly key: number;
  readonly sub: number;
  readonly operations: Operation[];
  readonly old: ProvisionRef | null;
  readonly new: ProvisionRef | null;
  readonly groups: readonly number[];
  readonly newIndices?: readonly number[];
}

const big = 1e6;

class Drafter {
  private readonly language: Language;
  private readonly style: InstrumentStyle;
  private readonly oldArticles: readonly OutlineArticle[];
  private readonly newArticles: readonly OutlineArticle[];
  private readonly pairs: Pair[] = [];
  private readonly merges: Array<{ olds: number[]; j: number; group: number }> = [];
  private readonly splitExtras: Array<{ i: number; j: number; group: number }> = [];
  private readonly inserted: Array<{ j: number; group: number }> = [];
  private readonly deleted: Array<{ i: number; group: number }> = [];
  /// For each old article, the new article its number follows (continuation, merge), or -1.
  private readonly newOfOld: number[];
  /// For each new article, its label in the instrument's numbering.
  private readonly labels: ArticleLabel[];

  constructor(
    private readonly comparison: Comparison,
    private readonly oldOutline: Outline,
    private readonly newOutline: Outline,
    private readonly options: DraftOptions,
  ) {
    this.language = comparison.language;
    this.style = options.style ?? 'decision';
    this.oldArticles = oldOutline.articles;
    this.newArticles = newOutline.articles;
    this.newOfOld = new Array<number>(this.oldArticles.length).fill(-1);
    this.labels = this.newArticles.map((_, j) => ({ number: j + 1 }));
  }

  draft(): Instrument {
    this.collectGroups();
    if (this.style === 'amendment') this.keepOrderForAmendment();
    for (const pair of this.pairs) this.newOfOld[pair.i] = pair.j;
    for (const merge of this.merges) for (const i of merge.olds) this.newOfOld[i] = merge.j;
    if (this.style === 'amendment') this.labelInsertions();

    const newContent = new LazyList((j) => this.relabelledNew(this.newArticles[j]));
    const claims = this.claimSplits(newContent);
    const plans = new Map<Pair, ReturnType<typeof planArticle>>();
    for (const pair of this.pairs) {
      plans.set(
        pair,
        planArticle({
          language: this.language,
          article: pair.i + 1,
          old: articleParagraphs(this.oldArticles[pair.i]),
          available: pair.available,
          new: newContent.get(pair.j),
          relabel: this.relabelOld,
          ...(this.style === 'amendment' && { label: this.toLabels, unlabel: this.fromLabels }),
          ...(this.similarityOf(pair) !== undefined && { similarity: this.similarityOf(pair) }),
        }),
      );
    }
    const placed = this.style === 'decision' ? this.placedPairs(plans) : new Set<Pair>();
    const into = this.placements();
    const entries: Entry[] = [];
    const rowOfGroup = this.firstRows();
    const at = (j: number): ArticlePosition => this.position(j);

    for (const pair of this.pairs) {
      const plan = plans.get(pair)!;
      const head: Operation[] = [];
      const where = into.get(pair.j);
      if (placed.has(pair))
        head.push({
          op: 'renumber-article',
          article: pair.i + 1,
          at: at(pair.j),
          ...(where && { into: where }),
        });
      else if (where) head.push({ op: 'place-articles', articles: [pair.i + 1], into: where });
      const ops = plan.operations;
      const ref = { article: pair.i + 1 };
      const newRef = { article: pair.j + 1 };
      const key = rowOfGroup.get(pair.group)!;
      if (ops.length === 0) {
        if (head.length)
          entries.push({ key, sub: 0, operations: head, old: ref, new: newRef, groups: [pair.group] });
        continue;
      }
      // One quotation of content per instruction, at its end.
      const plain = ops.filter((op) => !carriesContent(op));
      const quoted = ops.filter(carriesContent);
      const first = [...head, ...plain, ...quoted.slice(0, 1)];
      entries.push({ key, sub: 0, operations: first, old: ref, new: newRef, groups: [pair.group] });
      quoted
        .slice(1)
        .forEach((op, k) =>
          entries.push({ key, sub: k + 1, operations: [op], old: ref, new: newRef, groups: [pair.group] }),
        );
    }
    for (const { j, group } of this.inserted) {
      const where = into.get(j);
      entries.push({
        key: this.rowOfNew(j),
        sub: 0,
        operations: [
          {
            op: 'add-article',
            at: at(j),
            paragraphs: this.quoted(newContent.get(j)),
            ...(where && { into: where }),
          },
        ],
        old: null,
        new: { article: j + 1 },
        groups: [group],
        newIndices: [j],
      });
    }
    for (const { i, j, group } of this.splitExtras) {
      const claim = claims.get(j)!;
      const where = into.get(j);
      entries.push({
        key: this.rowOfNew(j),
        sub: 0,
        operations: [
          {
            op: 'split-article',
            article: i + 1,
            from: claim.from + 1,
            to: claim.to + 1,
            at: at(j),
            ...(where && { into: where }),
          },
        ],
        old: { article: i + 1, paragraph: claim.from + 1 },
        new: { article: j + 1 },
        groups: [group],
        newIndices: [j],
      });
    }
    for (const { olds, j, group } of this.merges) {
      const where = into.get(j);
      const joined = olds.flatMap((i) => articleParagraphs(this.oldArticles[i]));
      const same = this.sameParagraphs(joined, newContent.get(j));
      entries.push({
        key: rowOfGroup.get(group)!,
        sub: 0,
        operations: [
          {
            op: 'merge-articles',
            articles: olds.map((i) => i + 1),
            at: at(j),
            ...(same ? {} : { paragraphs: this.quoted(newContent.get(j)) }),
            ...(where && { into: where }),
          },
        ],
        old: { article: olds[0] + 1 },
        new: { article: j + 1 },
        groups: [group],
      });
    }
    const divisions = this.divisionEntries();
    const deletedWithDivision = divisions.articlesDeleted;
    for (const { i, group } of this.deleted) {
      if (deletedWithDivision.has(i)) continue;
      entries.push({
        key: this.rowOfOld(i),
        sub: 0,
        operations: [{ op: 'delete-articles', articles: [i + 1] }],
        old: { article: i + 1 },
        new: null,
        groups: [group],
      });
    }
    entries.push(...divisions.entries);
    if (wordsKey(this.oldOutline.title, this.language) !== wordsKey(this.newOutline.title, this.language)) {
      entries.push({
        key: -1,
        sub: -1,
        operations: [{ op: 'rename-law', title: this.newOutline.title }],
        old: null,
        new: null,
        groups: [],
      });
    }
    entries.sort((a, b) => a.key - b.key || a.sub - b.sub);
    return this.instrument(this.combineDeletions(entries));
  }

  // The similarity the comparison measured for a one-to-one pair (not for the piece of a split).
  private similarityOf(pair: Pair): number | undefined {
    const group = this.comparison.alignment.groups[pair.group];
    if (group.kind !== 'modified' && group.kind !== 'unchanged') return undefined;
    return this.comparison.rows[this.firstRows().get(pair.group)!].similarity;
  }

  // --- Correspondences ------------------------------------------------------------------------------

  private collectGroups(): void {
    const amendment = this.style === 'amendment';
    const all = (i: number) => this.oldArticles[i].paragraphs.map((_, k) => k);
    this.comparison.alignment.groups.forEach((group, g) => {
      switch (group.kind) {
        case 'unchanged':
        case 'modified':
          this.pairs.push({ i: group.old[0], j: group.new[0], group: g, available: all(group.old[0]) });
          break;
        case 'inserted':
          this.inserted.push({ j: group.new[0], group: g });
          break;
        case 'deleted':
          this.deleted.push({ i: group.old[0], group: g });
          break;
        case 'split':
          this.pairs.push({ i: group.old[0], j: group.new[0], group: g, available: all(group.old[0]) });
          for (const j of group.new.slice(1)) {
            if (amendment) this.inserted.push({ j, group: g });
            else this.splitExtras.push({ i: group.old[0], j, group: g });
          }
          break;
        case 'merged':
          if (amendment) {
            this.pairs.push({ i: group.old[0], j: group.new[0], group: g, available: all(group.old[0]) });
            for (const i of group.old.slice(1)) this.deleted.push({ i, group: g });
          } else this.merges.push({ olds: [...group.old], j: group.new[0], group: g });
          break;
      }
    });
  }

  // A 修正案 renumbers nothing: articles that left the order of the others are deleted and inserted again.
  private keepOrderForAmendment(): void {
    const sorted = [...this.pairs].sort((a, b) => a.i - b.i);
    const chain = new Set(
      heaviestChain(
        sorted.map((p) => ({ old: p.i, new: p.j, weight: 1 })),
        this.newArticles.length,
      ).map((k) => sorted[k]),
    );
    for (const pair of sorted) {
      if (chain.has(pair)) continue;
      this.pairs.splice(this.pairs.indexOf(pair), 1);
      this.deleted.push({ i: pair.i, group: pair.group });
      this.inserted.push({ j: pair.j, group: pair.group });
    }
  }

  // 第十七条之一: each inserted article is numbered after the kept article before it.
  private labelInsertions(): void {
    const keptOld = new Array<number>(this.newArticles.length).fill(-1);
    for (const pair of this.pairs) keptOld[pair.j] = pair.i;
    let anchor = 0;
    let index = 0;
    for (let j = 0; j < this.newArticles.length; j++) {
      if (keptOld[j] !== -1) {
        anchor = keptOld[j] + 1;
        index = 0;
        this.labels[j] = { number: anchor };
      } else this.labels[j] = { number: anchor, suffix: ++index };
    }
  }

  private position(j: number): ArticlePosition {
    if (this.style === 'decision') return { number: j + 1 };
    const label = this.labels[j];
    return label.suffix ? { after: label.number, index: label.suffix } : { number: label.number };
  }

  // The old text reads its citations in the instrument's numbering: after the decision, an article
  // cited by number is cited by its new number; in a 修正案, numbers do not change.
  // The old text is compared with the new as it reads after the amendment: an article cited by
  // number is cited by its place in the amended law (a 修正案's labels become places too).
  private readonly relabelOld: Relabel = (n) => {
    const j = n >= 1 && n <= this.newOfOld.length ? this.newOfOld[n - 1] : -1;
    return j === -1 ? null : { number: j + 1 };
  };

  private relabelledNew(article: OutlineArticle): ParagraphText[] {
    return articleParagraphs(article);
  }

  /// Quoted text as the instrument writes it: a 修正案 cites articles by its own labels (第十七条之一).
  private readonly toLabels = (text: string): string => {
    if (this.style === 'decision') return text;
    const relabel: Relabel = (n) => (n >= 1 && n <= this.labels.length ? this.labels[n - 1] : null);
    return applyEdits(text, citationEdits(text, this.language, relabel));
  };

  /// What applyInstrument makes of quoted text: the 修正案's labels read back as places.
  private readonly fromLabels = (text: string): string => {
    if (this.style === 'decision') return text;
    return relabelCitations(text, this.language, (label) => {
      const j = this.labels.findIndex(
        (l) => l.number === label.number && (l.suffix ?? 0) === (label.suffix ?? 0),
      );
      if (j !== -1) return { number: j + 1 };
      return label.suffix ? null : this.relabelOld(label.number);
    });
  };

  private quoted(paragraphs: readonly ParagraphText[]): ParagraphText[] {
    if (this.style === 'decision') return [...paragraphs];
    return paragraphs.map((p) => ({
      text: this.toLabels(p.text),
      items: p.items.map((i) => ({ text: this.toLabels(i.text), subitems: i.subitems.map(this.toLabels) })),
    }));
  }

  private sameParagraphs(a: readonly ParagraphText[], b: readonly ParagraphText[]): boolean {
    const key = (ps: readonly ParagraphText[]) =>
      ps
        .map((p) =>
          [p.text, ...p.items.flatMap((i) => [`§${i.text}`, ...i.subitems.map((s) => `¶${s}`)])].join('\n'),
        )
        .map((line) => wordsKey(line, this.language));
    const ka = key(a.map((p) => this.renumberedParagraph(p)));
    const kb = key(b);
    return ka.length === kb.length && ka.every((k, n) => k === kb[n]);
  }

  private renumberedParagraph(p: ParagraphText): ParagraphText {
    const line = (text: string) => applyEdits(text, citationEdits(text, this.language, this.relabelOld));
    return {
      text: line(p.text),
      items: p.items.map((i) => ({ text: line(i.text), subitems: i.subitems.map(line) })),
    };
  }

  // An article split off another (将第X条第二款改为第Y条) when it is exactly a run of that article's
  // paragraphs; otherwise it is added as a new article.
  private claimSplits(newContent: LazyList<ParagraphText[]>): Map<number, { from: number; to: number }> {
    const claims = new Map<number, { from: number; to: number }>();
    for (const extra of [...this.splitExtras]) {
      const pair = this.pairs.find((p) => p.i === extra.i)!;
      const old = articleParagraphs(this.oldArticles[extra.i]);
      const wanted = newContent.get(extra.j);
      let found: { from: number; to: number } | null = null;
      for (let from = 0; from + wanted.length <= old.length && !found; from++) {
        const run = old.slice(from, from + wanted.length);
        const indices = run.map((_, k) => from + k);
        if (indices.every((k) => pair.available.includes(k)) && indices.length < pair.available.length) {
          if (this.sameParagraphs(run, wanted)) found = { from, to: from + wanted.length - 1 };
        }
      }
      if (found) {
        claims.set(extra.j, found);
        pair.available = pair.available.filter((k) => k < found!.from || k > found!.to);
      } else {
        this.splitExtras.splice(this.splitExtras.indexOf(extra), 1);
        this.inserted.push({ j: extra.j, group: extra.group });
      }
    }
    return claims;
  }

  // Decision style: the articles that need 将第X条改为第Y条 — amended ones whose number changes, and
  // the unchanged ones that left the order of the others (all but the heaviest order-keeping chain,
  // which keeps every article whose number stays).
  private placedPairs(plans: Map<Pair, ReturnType<typeof planArticle>>): Set<Pair> {
    const candidates: Array<CandidateMatch & { pair: Pair }> = [];
    const placed = new Set<Pair>();
    for (const pair of this.pairs) {
      const changed = plans.get(pair)!.operations.length > 0;
      if (changed && pair.i !== pair.j) placed.add(pair);
      else candidates.push({ old: pair.i, new: pair.j, weight: pair.i === pair.j ? big : 1, pair });
    }
    candidates.sort((a, b) => a.old - b.old);
    const chain = new Set(heaviestChain(candidates, this.newArticles.length).map((k) => candidates[k].pair));
    for (const c of candidates) if (!chain.has(c.pair)) placed.add(c.pair);
    return placed;
  }

  // --- Divisions ----------------------------------------------------------------------------------------

  private finalTree?: { roots: FinalDivision[]; ofNew: FinalDivision[]; keptOld: Map<number, FinalDivision> };

  // The divisions of the amended law: the new outline's, each kept (paired with an old division
  // under the same kept parent) or added.
  private tree() {
    if (this.finalTree) return this.finalTree;
    const oldOfNew = new Map<number, number>();
    for (const change of this.comparison.divisions) {
      if (change.oldIndex !== null && change.newIndex !== null)
        oldOfNew.set(change.newIndex, change.oldIndex);
    }
    const newIndexById = indexById(this.newOutline.divisions);
    const oldIndexById = indexById(this.oldOutline.divisions);
    const roots: FinalDivision[] = [];
    const ofNew: FinalDivision[] = [];
    const keptOld = new Map<number, FinalDivision>();
    this.newOutline.divisions.forEach((division, d) => {
      const parentIndex = division.parentId ? newIndexById.get(division.parentId) : undefined;
      const parent = parentIndex === undefined ? null : ofNew[parentIndex];
      let old = oldOfNew.get(d) ?? null;
      if (old !== null) {
        const oldDivision = this.oldOutline.divisions[old];
        const oldParent = oldDivision.parentId ? (oldIndexById.get(oldDivision.parentId) ?? null) : null;
        const consistent =
          parent === null ? oldParent === null : parent.old !== null && parent.old === oldParent;
        if (!consistent) old = null;
      }
      const node: FinalDivision = {
        level: division.kind,
        parent,
        heading: division.heading,
        old,
        id: division.id,
        children: [],
      };
      (parent ? parent.children : roots).push(node);
      ofNew.push(node);
      if (old !== null) keptOld.set(old, node);
    });
    this.finalTree = { roots, ofNew, keptOld };
    return this.finalTree;
  }

  private readonly divisionIndex = new Map<Outline, Map<string, number>>();

  // The innermost division of an article, by index into the outline's divisions.
  private innermost(outline: Outline, article: OutlineArticle): number | null {
    const id = article.sectionId ?? article.chapterId ?? article.partId;
    if (!id) return null;
    let byId = this.divisionIndex.get(outline);
    if (!byId) {
      byId = indexById(outline.divisions);
      this.divisionIndex.set(outline, byId);
    }
    return byId.get(id) ?? null;
  }

  // Where an existing article stands by default: its division if kept, else the nearest enclosing
  // one kept; undefined when none is (it then joins its neighbours).
  private defaultPlacement(i: number): Placement {
    const { keptOld } = this.tree();
    let index = this.innermost(this.oldOutline, this.oldArticles[i]);
    if (index === null) return null;
    const byId = this.divisionIndex.get(this.oldOutline)!;
    while (index !== null) {
      const kept = keptOld.get(index);
      if (kept) return kept;
      const parentId: string | null = this.oldOutline.divisions[index].parentId;
      index = parentId ? (byId.get(parentId) ?? null) : null;
    }
    return undefined;
  }

  // The placements (列入第N章) the rules of layout.ts need to put every new article where it stands.
  private placements(): Map<number, DivisionRef> {
    const { roots, ofNew } = this.tree();
    const n = this.newArticles.length;
    const actual: Array<FinalDivision | null> = this.newArticles.map((a) => {
      const d = this.innermost(this.newOutline, a);
      return d === null ? null : ofNew[d];
    });
    const fixed: Placement[] = new Array<Placement>(n).fill(undefined);
    for (const pair of this.pairs) fixed[pair.j] = this.defaultPlacement(pair.i);
    // Articles inside an added division are placed by its range (包括第A条至第B条).
    actual.forEach((d, j) => {
      for (let up = d; up; up = up.parent) {
        if (up.old === null) {
          fixed[j] = d;
          break;
        }
      }
    });
    const into = new Map<number, DivisionRef>();
    for (let round = 0; round <= n; round++) {
      const result = placeArticles(fixed);
      let fixedOne = false;
      result.forEach((d, j) => {
        if (d === actual[j] || actual[j] === null) return;
        fixed[j] = actual[j];
        into.set(j, refOf(actual[j]!, roots));
        fixedOne = true;
      });
      if (!fixedOne) break;
    }
    return into;
  }

  // Renames, additions and deletions of parts, chapters and sections, each before the first row it
  // concerns; and the old articles deleted with their division (删去第N章).
  private divisionEntries(): { entries: Entry[]; articlesDeleted: Set<number> } {
    const { roots, ofNew, keptOld } = this.tree();
    const entries: Entry[] = [];
    const articlesDeleted = new Set<number>();
    const deletedOld = new Set(this.deleted.map((d) => d.i));
    const oldRoots = this.oldTree();
    ofNew.forEach((node, d) => {
      const newArticles = this.articlesIn(this.newOutline, d);
      const key = Math.min(...newArticles.map((j) => this.rowOfNew(j)));
      if (node.old === null) {
        const first = newArticles[0];
        const last = newArticles[newArticles.length - 1];
        entries.push({
          key,
          sub: -1,
          operations: [
            {
              op: 'add-division',
              at: refOf(node, roots),
              heading: node.heading,
              first: this.position(first),
              last: this.position(last),
            },
          ],
          old: null,
          new: null,
          groups: [],
        });
      } else if (
        wordsKey(this.oldOutline.divisions[node.old].heading, this.language) !==
        wordsKey(node.heading, this.language)
      ) {
        entries.push({
          key,
          sub: -1,
          operations: [
            {
              op: 'rename-division',
              division: refOf(oldRoots.nodes[node.old], oldRoots.roots),
              heading: node.heading,
            },
          ],
          old: null,
          new: null,
          groups: [],
        });
      }
    });
    // Old divisions not kept: deleted with their articles when all of those are deleted, else their
    // headings alone (innermost first, so no division is left without its parent).
    const gone = this.oldOutline.divisions.map((_, c) => c).filter((c) => !keptOld.has(c));
    const withArticles = new Set<number>();
    for (const c of gone) {
      const articles = this.articlesIn(this.oldOutline, c);
      if (articles.length > 0 && articles.every((i) => deletedOld.has(i))) withArticles.add(c);
    }
    const oldById = indexById(this.oldOutline.divisions);
    const coveredByParent = (c: number) => {
      for (
        let p = this.oldOutline.divisions[c].parentId;
        p;
        p = this.oldOutline.divisions[oldById.get(p)!].parentId
      ) {
        if (withArticles.has(oldById.get(p)!)) return true;
      }
      return false;
    };
    const headingOnly: number[] = [];
    for (const c of gone) {
      const articles = this.articlesIn(this.oldOutline, c);
      const key = Math.min(...articles.map((i) => this.rowOfOld(i)));
      const ref = refOf(oldRoots.nodes[c], oldRoots.roots);
      if (withArticles.has(c)) {
        if (coveredByParent(c)) continue;
        for (const i of articles) articlesDeleted.add(i);
        entries.push({
          key,
          sub: -2,
          operations: [{ op: 'delete-division', division: ref, articles: true }],
          old: null,
          new: null,
          groups: [],
        });
      } else headingOnly.push(c);
    }
    // Innermost first.
    headingOnly.sort((a, b) => depth(this.oldOutline.divisions[b]) - depth(this.oldOutline.divisions[a]));
    for (const c of headingOnly) {
      const articles = this.articlesIn(this.oldOutline, c);
      const key = Math.min(...articles.map((i) => this.rowOfOld(i)));
      const ref = refOf(oldRoots.nodes[c], oldRoots.roots);
      entries.push({
        key,
        sub: -3 + depth(this.oldOutline.divisions[c]) * 0.01,
        operations: [{ op: 'delete-division', division: ref, articles: false }],
        old: null,
        new: null,
        groups: [],
      });
    }
    return { entries, articlesDeleted };
  }

  private oldTreeCache?: { roots: FinalDivision[]; nodes: FinalDivision[] };

  // The old outline's divisions as a tree, to number them as in force.
  private oldTree() {
    if (this.oldTreeCache) return this.oldTreeCache;
    const byId = indexById(this.oldOutline.divisions);
    const roots: FinalDivision[] = [];
    const nodes: FinalDivision[] = [];
    this.oldOutline.divisions.forEach((division, c) => {
      const parentIndex = division.parentId ? byId.get(division.parentId) : undefined;
      const parent = parentIndex === undefined ? null : nodes[parentIndex];
      const node: FinalDivision = {
        level: division.kind,
        parent,
        heading: division.heading,
        old: c,
        id: division.id,
        children: [],
      };
      (parent ? parent.children : roots).push(node);
      nodes.push(node);
    });
    this.oldTreeCache = { roots, nodes };
    return this.oldTreeCache;
  }

  // Indices of the articles inside division `d` of `outline` (nested divisions included).
  private articlesIn(outline: Outline, d: number): number[] {
    const id = outline.divisions[d].id;
    const out: number[] = [];
    outline.articles.forEach((a, k) => {
      if (a.partId === id || a.chapterId === id || a.sectionId === id) out.push(k);
    });
    return out;
  }

  // --- Order and assembly ---------------------------------------------------------------------------

  private firstRowCache?: Map<number, number>;

  private firstRows(): Map<number, number> {
    if (this.firstRowCache) return this.firstRowCache;
    const first = new Map<number, number>();
    this.comparison.rows.forEach((row, r) => {
      if (!first.has(row.group)) first.set(row.group, r);
    });
    this.firstRowCache = first;
    return first;
  }

  private rowIndex?: { ofNew: number[]; ofOld: number[] };

  private rows() {
    if (this.rowIndex) return this.rowIndex;
    const ofNew = new Array<number>(this.newArticles.length).fill(0);
    const ofOld = new Array<number>(this.oldArticles.length).fill(0);
    this.comparison.rows.forEach((row, r) => {
      if (row.newIndex !== null) ofNew[row.newIndex] = r;
      if (row.oldIndex !== null && (ofOld[row.oldIndex] === 0 || row.newIndex === null))
        ofOld[row.oldIndex] = r;
    });
    this.rowIndex = { ofNew, ofOld };
    return this.rowIndex;
  }

  private rowOfNew(j: number): number {
    return this.rows().ofNew[j];
  }

  private rowOfOld(i: number): number {
    return this.rows().ofOld[i];
  }

  // Deletions of articles next to each other in the text become one instruction (删去第六十四条、第六十六条).
  private combineDeletions(entries: readonly Entry[]): Entry[] {
    const out: Entry[] = [];
    for (const entry of entries) {
      const last = out[out.length - 1];
      const op = entry.operations[0];
      const lastOp = last?.operations[0];
      if (
        op.op === 'delete-articles' &&
        lastOp?.op === 'delete-articles' &&
        entry.operations.length === 1 &&
        last.operations.length === 1
      ) {
        out[out.length - 1] = {
          ...last,
          operations: [{ op: 'delete-articles', articles: [...lastOp.articles, ...op.articles] }],
          groups: [...last.groups, ...entry.groups],
        };
      } else out.push(entry);
    }
    return out;
  }

  private instrument(entries: readonly Entry[]): Instrument {
    const language = this.language;
    const law = lawName(this.oldOutline.title, language);
    const oldHasParts = this.oldOutline.divisions.some((d) => d.kind === 'part');
    const newHasParts = this.newOutline.divisions.some((d) => d.kind === 'part');
    const ctx: PrintContext = {
      language,
      style: this.style,
      lawName: shortLawName(law, language),
      paragraphCount: (n) => this.oldArticles[n - 1]?.paragraphs.length ?? 1,
      oldHasParts,
      newHasParts,
    };
    const rowsOfGroup = new Map<number, number[]>();
    this.comparison.rows.forEach((row, r) => {
      const list = rowsOfGroup.get(row.group) ?? [];
      list.push(r);
      rowsOfGroup.set(row.group, list);
    });
    const instructions: Instruction[] = entries.map((entry, k) => ({
      number: k + 1,
      kind: kindOf(entry.operations),
      text: printInstruction(entry.operations, ctx),
      operations: entry.operations,
      old: entry.old,
      new: entry.new,
      rows: entry.newIndices
        ? entry.newIndices.map((j) => this.rowOfNew(j))
        : entry.groups.flatMap((g) => rowsOfGroup.get(g) ?? []),
    }));
    const renumbers =
      this.oldArticles.some((_, i) => this.newOfOld[i] !== -1 && this.newOfOld[i] !== i) &&
      this.style === 'decision';
    const words = instrumentWords(language, this.style, law, {
      title: this.options.title,
      effective: this.options.effective,
      body: this.options.body,
      republish: this.options.republish ?? true,
      renumbers,
    });
    return {
      style: this.style,
      language,
      law,
      title: words.title,
      preamble: words.preamble,
      instructions,
      closing: words.closing,
      renumbers,
    };
  }
}

// Values computed when first asked for.
class LazyList<T> {
  private readonly values = new Map<number, T>();
  constructor(private readonly make: (index: number) => T) {}

  get(index: number): T {
    let value = this.values.get(index);
    if (value === undefined) {
      value = this.make(index);
      this.values.set(index, value);
    }
    return value;
  }
}

function indexById(divisions: readonly OutlineDivision[]): Map<string, number> {
  const map = new Map<string, number>();
  divisions.forEach((d, k) => {
    if (d.id) map.set(d.id, k);
  });
  return map;
}

function depth(division: OutlineDivision): number {
  return division.kind === 'part' ? 0 : division.kind === 'chapter' ? 1 : 2;
}

function kindOf(operations: readonly Operation[]): InstructionKind {
  const ops = operations.map((o) => o.op);
  switch (ops[0]) {
    case 'add-article':
      return 'add-article';
    case 'delete-articles':
      return 'delete-article';
    case 'merge-articles':
      return 'merge-articles';
    case 'split-article':
      return 'split-article';
    case 'add-division':
      return 'add-division';
    case 'rename-division':
      return 'rename-division';
    case 'delete-division':
      return 'delete-division';
    case 'rename-law':
      return 'rename-law';
  }
  const rest = operations.filter((o) => o.op !== 'renumber-article' && o.op !== 'place-articles');
  if (rest.length === 0) return ops[0] === 'renumber-article' ? 'renumber-article' : 'place-article';
  if (rest.some((o) => o.op === 'rewrite' && o.target.paragraph === undefined && o.target.item === undefined))
    return 'rewrite-article';
  return 'amend-article';
}
