/// Import of the plain-text format (DESIGN.md "The plain-text format"): the text of a law as people
/// write and paste it, turned into a document of core's schema.
///
///     # 中华人民共和国网络安全法              title (the first `# ` line, or the first line)
///     2016年11月7日 …通过                      preamble notes; HTML comments (anywhere) kept verbatim as notes
///     ## 第一章 总则                           chapters, also bare: `第二章 网络素养促进`, `网络素养促进`
///     ### 第一节 一般规定                      sections; parts are `第一编` / `Part 1`
///     第一条 为了……                           an article; each further line is a paragraph (款)
///     （一）……                                 an item (项); `1.` / `(a)` a subitem (目)
///
/// Written numbers are dropped (numbering is computed) but checked. Citations of the law itself that
/// write an article number become live references (citation-links.ts). Nothing is thrown and no text is
/// dropped: whatever cannot be placed where it stands is moved to the nearest valid place and reported.
import type { Node as PMNode } from 'prosemirror-model';
import { linkCitations } from '../citation-links.ts';
import { randomId } from '../ids.ts';
import type { IdGenerator } from '../ids.ts';
import { detectLanguage } from '../language.ts';
import type { Language } from '../language.ts';
import { label } from '../numbering.ts';
import { splitBlocks } from './blocks.ts';
import type { Block } from './blocks.ts';
import { buildDoc, emptyArticle } from './draft.ts';
import type {
  ArticleDraft,
  BodyDraft,
  DivisionDraft,
  ItemDraft,
  LeadDraft,
  ParagraphDraft,
} from './draft.ts';
import { isHeadingLike, readLabel, tidyHeading } from './labels.ts';
import type { DivisionKind, Labelled } from './labels.ts';
import { LawTooLongError } from './problem.ts';
import type { LawProblem } from './problem.ts';

/// The result of `parseLaw`: always a valid document, with what went wrong on the way.
export interface ParsedLaw {
  readonly doc: PMNode;
  /// The language the text was read in: `ParseOptions.language`, or the detected one.
  readonly language: Language;
  /// Problems in line order; empty for a clean law.
  readonly problems: readonly LawProblem[];
}

/// Options of `parseLaw`.
export interface ParseOptions {
  /// The language of the text. Defaults to `detectLanguage(text)`.
  language?: Language;
  /// Gives the id of every part, chapter, section and article, in document order. Defaults to `randomId`.
  ids?: IdGenerator;
  /// Most articles to read; more throw LawTooLongError. Defaults to no limit.
  maxArticles?: number;
}

/// Read a law in the plain-text format. Never throws: the document is always valid for the schema,
/// every non-blank line of `text` ends up in it, and `problems` lists, by line, numbering gaps and
/// repeats, text that stands where no text can be (kept in the article before it, or in the preamble
/// when there is none), headings of chapters without articles (kept the same way), items outside
/// articles, an empty text ("empty document", with one empty article), a text without articles
/// (kept as preamble notes, with one empty article), and citations naming no place in the law (kept as
/// text: "citation 本法第九十条 names 第九十条, but the draft has 79 articles: kept as text"). Throws
/// only LawTooLongError, when the text has more than `options.maxArticles` articles.
export function parseLaw(text: string, options: ParseOptions = {}): ParsedLaw {
  const language = options.language ?? detectLanguage(text);
  const ids = options.ids ?? randomId;
  const { blocks, problems: blockProblems } = splitBlocks(text);
  const reader = new LawReader(language, options.maxArticles ?? Infinity);
  reader.read(blocks);
  const problems = [...blockProblems];
  let doc: PMNode;
  if (blocks.length === 0) {
    problems.push({ line: 1, message: 'empty document' });
    doc = buildDoc('', [], [emptyArticle()], ids);
  } else if (reader.articleCount === 0) {
    // No article to hang anything on: keep the text as notes, and add the one article the schema needs.
    const rest = blocks.filter((block) => block !== reader.titleBlock);
    problems.push({
      line: (rest[0] ?? blocks[0]).line,
      message: 'no article found: the text is kept as preamble notes and one empty article is added',
    });
    const notes = rest.map((block) => ({ lead: block.text, line: block.line }));
    doc = buildDoc(reader.title, notes, [emptyArticle()], ids);
  } else {
    // One push at a time: a hostile text's problems could outnumber the arguments a call can take.
    for (const problem of reader.problems) problems.push(problem);
    const lines = new Map<PMNode, number>();
    const read = buildDoc(reader.title, reader.notes, reader.body, ids, lines);
    const links = linkCitations(read, language);
    doc = links.doc;
    for (const issue of links.issues) {
      const kept = issue.linked ? '' : ': kept as text';
      problems.push({
        line: lines.get(issue.block) ?? 1,
        message: `citation ${issue.text} ${issue.message}${kept}`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { doc, language, problems };
}

// Reads blocks in order, keeping the open part, chapter, section, article, paragraph and item.
class LawReader {
  readonly problems: LawProblem[] = [];
  readonly notes: LeadDraft[] = [];
  readonly body: BodyDraft[] = [];
  title = '';
  /// The block read as the title, if any.
  titleBlock: Block | null = null;
  articleCount = 0;

  private part: DivisionDraft | null = null;
  private chapter: DivisionDraft | null = null;
  private section: DivisionDraft | null = null;
  private article: ArticleDraft | null = null;
  private paragraph: ParagraphDraft | null = null;
  private item: ItemDraft | null = null;
  private lastArticle: ArticleDraft | null = null;
  private inBody = false;
  // Text that cannot stay where it stands, waiting to be placed after the article before it.
  private orphans: Array<{ line: number; text: string }> = [];
  // A label line without text ("第一条", "第二章") takes the next plain line as its text.
  private awaiting: { kind: 'heading'; division: DivisionDraft } | { kind: 'lead'; draft: LeadDraft } | null =
    null;
  // How many of each level were read so far, to check written numbers against.
  private readonly counts: Record<Labelled['kind'], number> = {
    part: 0,
    chapter: 0,
    section: 0,
    article: 0,
    item: 0,
    subitem: 0,
  };

  constructor(
    private readonly language: Language,
    private readonly maxArticles: number,
  ) {}

  read(blocks: readonly Block[]): void {
    const start = this.readTitle(blocks);
    for (let i = start; i < blocks.length; i++) this.readBlock(blocks[i], blocks[i + 1]);
    this.closeSection();
    this.closeChapter();
    this.closePart();
    this.flushOrphans();
  }

  // The title is the first line unless that line is structure (an article, a heading other than `# `).
  private readTitle(blocks: readonly Block[]): number {
    let i = 0;
    while (i < blocks.length && blocks[i].comment) this.note(blocks[i++]);
    const first = blocks[i];
    if (!first) return i;
    const labelled = readLabel(first.text, this.language);
    const structural = labelled && (labelled.kind !== 'subitem' || first.marks > 0);
    if (first.marks === 1 || (first.marks === 0 && !structural)) {
      this.title = first.text;
      this.titleBlock = first;
      return i + 1;
    }
    this.problem(first.line, 'no title line: the title is left empty');
    return i;
  }

  private readBlock(block: Block, next: Block | undefined): void {
    const awaiting = this.awaiting;
    this.awaiting = null;
    if (block.comment) return this.comment(block);
    let labelled = readLabel(block.text, this.language);
    if (
      labelled &&
      block.marks === 0 &&
      isDivision(labelled.kind) &&
      !isHeadingLike(labelled.text, this.language)
    ) {
      labelled = null; // "第一章规定的……": a sentence, not a heading
    }
    if (labelled && block.marks > 0 && (labelled.kind === 'item' || labelled.kind === 'subitem')) {
      labelled = null; // "## 1. 总则": a heading numbered the Markdown way
    }
    if (awaiting && !labelled && block.marks === 0) {
      if (awaiting.kind === 'lead') {
        awaiting.draft.lead = block.text;
        awaiting.draft.line = block.line;
        return;
      }
      if (isHeadingLike(block.text, this.language)) {
        awaiting.division.heading = tidyHeading(block.text);
        awaiting.division.sources.push({ line: block.line, text: block.text });
        return;
      }
    }
    if (labelled) {
      switch (labelled.kind) {
        case 'article':
          return this.startArticle(labelled, block);
        case 'item':
          return this.addItem(labelled, block);
        case 'subitem':
          return this.addSubitem(labelled, block);
        default:
          return this.startDivision(labelled.kind, labelled, block);
      }
    }
    if (block.marks > 0) return this.startDivision(block.marks >= 3 ? 'section' : 'chapter', null, block);
    if (!this.inBody) {
      this.note(block);
      return;
    }
    if (this.article) {
      if (this.isBareHeading(block, next)) return this.startDivision('chapter', null, block);
      this.newParagraph(block.text, block.line);
      return;
    }
    this.orphan(block, `text between ${this.openDivisionName()} heading and its first article`);
  }

  // In a law with chapters, a short line without sentence punctuation between two articles is a
  // chapter title written without its label (as in 未成年人网络保护条例). In a law without chapters
  // it is more likely a paragraph that lost its full stop.
  private isBareHeading(block: Block, next: Block | undefined): boolean {
    if (!this.chapter || !next || next.comment || !isHeadingLike(block.text, this.language)) return false;
    // A title starts with a word: not "（略）", not "2030年".
    if (this.language === 'zh' && !/^\p{Script=Han}/u.test(block.text)) return false;
    const following = readLabel(next.text, this.language);
    if (following?.kind === 'article') return true;
    return following?.kind === 'section' && (next.marks > 0 || isHeadingLike(following.text, this.language));
  }

  // A source comment (`<!-- … -->`) is not text of the law: it joins the preamble notes, where every
  // source comment lives (the editor shows them as collapsed notes, readers' exports leave them out),
  // rather than becoming a paragraph of the article it stands in.
  private comment(block: Block): void {
    if (this.inBody) {
      this.problem(block.line, 'HTML comment in the body: kept as a source note in the preamble');
    }
    this.note(block);
  }

  private startDivision(kind: DivisionKind, labelled: Labelled | null, block: Block): void {
    if (kind === 'section' && !this.chapter) {
      this.problem(block.line, 'section outside a chapter: read as a chapter');
      kind = 'chapter';
    }
    this.closeSection();
    if (kind !== 'section') this.closeChapter();
    if (kind === 'part') this.closePart();
    this.check(kind, labelled?.kind === kind ? labelled : null, block.line);
    if (kind === 'part') this.counts.chapter = 0;
    if (kind !== 'section') this.counts.section = 0;

    const heading = tidyHeading(labelled ? labelled.text : block.text);
    const division: DivisionDraft = {
      type: kind,
      heading,
      line: block.line,
      sources: [{ line: block.line, text: block.text }],
      children: [],
      hasArticle: false,
    };
    if (kind === 'part') {
      this.body.push(division);
      this.part = division;
    } else if (kind === 'chapter') {
      (this.part?.children ?? this.body).push(division);
      this.chapter = division;
    } else {
      this.chapter!.children.push(division);
      this.section = division;
    }
    this.article = null;
    this.paragraph = null;
    this.item = null;
    this.inBody = true;
    if (!heading) this.awaiting = { kind: 'heading', division };
  }

  private closeSection(): void {
    if (this.section) this.closeDivision(this.section, this.chapter!.children);
    this.section = null;
  }

  private closeChapter(): void {
    if (this.chapter) this.closeDivision(this.chapter, this.part?.children ?? this.body);
    this.chapter = null;
  }

  private closePart(): void {
    if (this.part) this.closeDivision(this.part, this.body);
    this.part = null;
  }

  // A division without articles cannot stay (the schema needs one); its heading lines are kept as text.
  private closeDivision(division: DivisionDraft, siblings: BodyDraft[]): void {
    if (division.hasArticle) return;
    if (siblings[siblings.length - 1] === division) siblings.pop();
    this.problem(division.line, `${division.type} with no articles: its heading is kept ${this.where()}`);
    for (const source of division.sources) this.orphans.push(source);
  }

  private startArticle(labelled: Labelled, block: Block): void {
    if (this.articleCount >= this.maxArticles) throw new LawTooLongError(this.maxArticles, block.line);
    this.check('article', labelled, block.line);
    this.flushOrphans();
    const paragraph: ParagraphDraft = { lead: labelled.text, line: block.line, items: [] };
    const article: ArticleDraft = { type: 'article', paragraphs: [paragraph] };
    const container = this.section ?? this.chapter ?? this.part;
    (container?.children ?? this.body).push(article);
    for (const division of [this.part, this.chapter, this.section]) if (division) division.hasArticle = true;
    this.article = article;
    this.lastArticle = article;
    this.articleCount++;
    this.paragraph = paragraph;
    this.item = null;
    this.counts.item = 0;
    this.inBody = true;
    if (!labelled.text) this.awaiting = { kind: 'lead', draft: paragraph };
  }

  private newParagraph(text: string, line: number): void {
    const paragraph: ParagraphDraft = { lead: text, line, items: [] };
    this.article!.paragraphs.push(paragraph);
    this.paragraph = paragraph;
    this.item = null;
    this.counts.item = 0;
  }

  private addItem(labelled: Labelled, block: Block): void {
    if (!this.article) return this.outside(block, 'item outside an article');
    this.check('item', labelled, block.line);
    const item: ItemDraft = { lead: labelled.text, line: block.line, subitems: [] };
    this.paragraph!.items.push(item);
    this.item = item;
    this.counts.subitem = 0;
    if (!labelled.text) this.awaiting = { kind: 'lead', draft: item };
  }

  private addSubitem(labelled: Labelled, block: Block): void {
    if (this.item) {
      this.check('subitem', labelled, block.line);
      const subitem: LeadDraft = { lead: labelled.text, line: block.line };
      this.item.subitems.push(subitem);
      if (!labelled.text) this.awaiting = { kind: 'lead', draft: subitem };
    } else if (this.article) {
      this.problem(block.line, `subitem outside an item: kept as a paragraph of ${this.lastArticleLabel()}`);
      this.newParagraph(block.text, block.line);
    } else if (!this.inBody) {
      this.note(block); // "1. …" in an explanatory note is just text
    } else {
      this.outside(block, 'subitem outside an article');
    }
  }

  // A list entry before any article: in the preamble, or moved like other stray text.
  private outside(block: Block, message: string): void {
    if (this.inBody) return this.orphan(block, message);
    this.problem(block.line, `${message}: kept in the preamble`);
    this.note(block);
  }

  private orphan(block: Block, message: string): void {
    this.problem(block.line, `${message}: kept ${this.where()}`);
    this.orphans.push({ line: block.line, text: block.text });
  }

  // Stray text goes after the last article before it, or into the preamble when there is none.
  private flushOrphans(): void {
    this.orphans.sort((a, b) => a.line - b.line);
    for (const { text, line } of this.orphans) {
      if (this.lastArticle) this.lastArticle.paragraphs.push({ lead: text, line, items: [] });
      else this.notes.push({ lead: text, line });
    }
    this.orphans = [];
  }

  private where(): string {
    return this.lastArticle ? `as a paragraph of ${this.lastArticleLabel()}` : 'in the preamble';
  }

  private lastArticleLabel(): string {
    return label('article', this.articleCount, this.language);
  }

  private openDivisionName(): string {
    const open = this.section ?? this.chapter ?? this.part;
    return open ? `a ${open.type}` : 'a';
  }

  // Compare a written number with the count so far: a gap, a repeat or a step back is a problem.
  // Counting goes on from the written number, so one slip gives one problem, not one per line after it.
  private check(kind: Labelled['kind'], labelled: Labelled | null, line: number): void {
    const expected = this.counts[kind] + 1;
    if (!labelled || labelled.number === null) {
      if (labelled) this.problem(line, `cannot read the ${kind} number in ${labelled.written}`);
      this.counts[kind] = expected;
      return;
    }
    const { written, number } = labelled;
    if (number === expected - 1) this.problem(line, `repeated ${kind} number: ${written}`);
    else if (number > expected) {
      this.problem(
        line,
        `gap in ${kind} numbering: expected ${this.expected(kind, expected)}, found ${written}`,
      );
    } else if (number < expected) {
      this.problem(
        line,
        `${kind} numbering goes back: expected ${this.expected(kind, expected)}, found ${written}`,
      );
    }
    this.counts[kind] = number;
  }

  // The label numbering expects; a number past what numerals can write (Chapter 4000) as digits.
  private expected(kind: Labelled['kind'], n: number): string {
    try {
      return label(kind, n, this.language);
    } catch {
      return String(n);
    }
  }

  private note(block: Block): void {
    this.notes.push({ lead: block.text, line: block.line });
  }

  private problem(line: number, message: string): void {
    this.problems.push({ line, message });
  }
}

function isDivision(kind: Labelled['kind']): kind is DivisionKind {
  return kind === 'part' || kind === 'chapter' || kind === 'section';
}
