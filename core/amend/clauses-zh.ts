/// The grammar of Chinese instructions, clause by clause. An instruction is a run of clauses
/// separated by ，；。; a clause may leave its article implied (删去第二款, 该条中的…) once an earlier
/// clause named it. The forms read (第X条 may be preceded by the law's name, 《…》 or 本法):
///
///     [在第N章中]增加一条，作为第Y条[，列入第N章]：“…”        在第X条后/前增加一条，作为第X条之一：“…”
///     删去第X条[、第Y条…] / 删去第X条至第Y条                  删去第X条第K款[第M项]
///     将第X条改为第Y条[，列入第N章]                           将第X条[、第Y条]列入第N章[第M节]
///     将第X条[第K款[第M项]]修改为：“…”                        [第X条][第K款]增加一款/一项，作为第K款/第M项：“…”
///     将第X条[第K款]中的“A”修改为“B”[，“C”修改为“D”]          删去第X条[第K款]中的“A”[、“B”]
///     在第X条[第K款]中的“A”后/前增加“B”                       将第X条、第Y条合并，作为第Z条[，修改为：“…”]
///     将第X条第K款[至第L款]改为第Y条[，修改为：“…”]           将第N章的章名修改为“…”
///     增加一章，作为第N章“…”，包括第A条至第B条               删去第N章[的章名]
///     将名称修改为“…”
import { label } from '../numbering.ts';
import { chineseNumeral, parseChineseNumeral } from '../numerals.ts';
import { Cursor } from './cursor.ts';
import type { ArticlePosition, DivisionRef, Operation, ProvisionRef } from './model.ts';
import { toAscii } from './renumber.ts';
import { quotedItem, quotedParagraphs } from './quoted.ts';

const NUM = '[零〇一二两三四五六七八九十百千万0-9０-９]+';

interface State {
  subject: number | null;
  readonly operations: Operation[];
  readonly problems: string[];
}

/// The operations of one Chinese instruction, and what could not be read.
export function readClausesZh(text: string): { operations: Operation[]; problems: string[] } {
  const c = new Cursor(text);
  const state: State = { subject: null, operations: [], problems: [] };
  for (;;) {
    c.eat(/[，,；;。.\s]*/u);
    if (c.done) break;
    if (!clauses.some((read) => c.attempt(() => read(c, state)))) {
      state.problems.push(`cannot read “${c.excerpt}”`);
      break;
    }
  }
  return { operations: state.operations, problems: state.problems };
}

function num(written: string): number | null {
  if (written === '〇' || written === '零') return 0;
  return parseChineseNumeral(toAscii(written));
}

// 《中华人民共和国刑法》, 本法, 刑法 (a name ending in 法, 条例… right before 第).
function lawPrefix(c: Cursor): void {
  if (c.eat(/《[^》\n]{1,80}》/u)) return;
  if (c.eat(/本(?:法|条例|规定|办法|细则|决定)(?=第)/u)) return;
  c.eat(/(?!第)[\u4e00-\u9fff]{1,30}?(?:法|法典|条例|规定|办法|细则)(?=第)/u);
}

function article(c: Cursor): { number: number; suffix?: number } | null {
  return c.attempt(() => {
    lawPrefix(c);
    const m = c.eat(new RegExp(`第(${NUM})条(?:之(${NUM}))?`, 'u'));
    if (!m) return null;
    const number = num(m[1]);
    if (number === null) return null;
    if (m[2] === undefined) return { number };
    const suffix = num(m[2]);
    return suffix === null ? null : { number, suffix };
  });
}

// An article that exists: a 修正案's label (第十七条之一) cannot be amended by this instrument.
function target(c: Cursor, state: State): number | null {
  const a = article(c);
  if (!a) return null;
  if (a.suffix !== undefined)
    state.problems.push(`第${a.number}条之${a.suffix} is not an article of the law in force`);
  return a.number;
}

function position(c: Cursor): ArticlePosition | null {
  const a = c.attempt(() => {
    const m = c.eat(new RegExp(`第(${NUM})条(?:之(${NUM}))?`, 'u'));
    if (!m) return null;
    const number = num(m[1]);
    const index = m[2] === undefined ? undefined : num(m[2]);
    if (number === null || index === null) return null;
    return index === undefined ? { number } : { after: number, index };
  });
  return a;
}

function division(c: Cursor): DivisionRef | null {
  const m = c.eat(new RegExp(`(?:第(${NUM})编)?(?:第(${NUM})章)?(?:第(${NUM})节)?`, 'u'));
  if (!m || !m[0]) return null;
  const ref: { level: DivisionRef['level']; part?: number; chapter?: number; section?: number } = {
    level: m[3] ? 'section' : m[2] ? 'chapter' : 'part',
  };
  if (m[1]) ref.part = num(m[1]) ?? 0;
  if (m[2]) ref.chapter = num(m[2]) ?? 0;
  if (m[3]) ref.section = num(m[3]) ?? 0;
  return ref;
}

function into(c: Cursor): DivisionRef | undefined {
  return c.attempt(() => (c.eat(/[，,]\s*列入/u) ? division(c) : null)) ?? undefined;
}

// 第X条[第K款][第M项], or with the article implied (该条, 其, or nothing before 第K款).
function provision(c: Cursor, state: State): ProvisionRef | null {
  let articleNumber: number | null = null;
  let named = false;
  if (c.eat(/该条|本条|其/u)) {
    articleNumber = state.subject;
    named = true;
  } else {
    const a = c.attempt(() => {
      const n = target(c, state);
      return n === null ? null : { n };
    });
    if (a) {
      articleNumber = a.n;
      named = true;
    }
  }
  const paragraph = c.eat(new RegExp(`第(${NUM})款`, 'u'));
  const item = c.eat(new RegExp(`第(?:(${NUM})|[（(](${NUM})[）)])项`, 'u'));
  if (!named && !paragraph && !item) return null;
  articleNumber ??= state.subject;
  if (articleNumber === null) return null;
  const ref: { article: number; paragraph?: number; item?: number } = { article: articleNumber };
  if (paragraph) ref.paragraph = num(paragraph[1]) ?? 0;
  if (item) {
    ref.item = num(item[1] ?? item[2]) ?? 0;
    ref.paragraph ??= 1;
  }
  return ref;
}

function articleList(c: Cursor, state: State): number[] | null {
  const first = target(c, state);
  if (first === null) return null;
  const list = [first];
  if (c.eat(/至/u)) {
    const last = target(c, state);
    if (last === null || last < first) return null;
    for (let n = first + 1; n <= last; n++) list.push(n);
    return list;
  }
  for (;;) {
    const next = c.attempt(() => (c.eat(/、|和|及|以及/u) ? target(c, state) : null));
    if (next === null) break;
    list.push(next);
  }
  return list;
}

function block(c: Cursor, state: State): string[] | null {
  if (!c.eat(/[：:]\s*/u)) return null;
  const lines = c.block('zh');
  if (!lines) state.problems.push('a quotation is not closed');
  return lines;
}

function setSubject(state: State, n: number): void {
  state.subject = n;
}

type Clause = (c: Cursor, state: State) => true | null;

const addArticle: Clause = (c, state) => {
  let where: DivisionRef | undefined;
  let anchor: { number: number; before: boolean } | null = null;
  if (c.eat(/在/u)) {
    const d = c.attempt(() => {
      const ref = division(c);
      return ref && c.eat(/中/u) ? ref : null;
    });
    if (d) where = d;
    else {
      const a = target(c, state);
      const side = a !== null ? c.eat(/(后|前)/u) : null;
      if (a === null || !side) return null;
      anchor = { number: a, before: side[1] === '前' };
    }
  }
  if (!c.eat(/增加一条[，,]\s*作为/u)) return null;
  let at = position(c);
  if (!at) return null;
  where = into(c) ?? where;
  const lines = block(c, state);
  if (!lines) return null;
  if (anchor && 'after' in at && at.after !== (anchor.before ? 0 : anchor.number)) {
    state.problems.push(
      `the article added ${anchor.before ? 'before' : 'after'} 第${anchor.number}条 cannot be numbered 第${at.after}条之${at.index}`,
    );
  }
  if (anchor && 'number' in at && anchor.before) at = { after: 0, index: 1 };
  const paragraphs = quotedParagraphs(lines, 'zh', state.problems);
  state.operations.push({ op: 'add-article', at, paragraphs, ...(where && { into: where }) });
  return true;
};

const levelOf = { 章: 'chapter', 节: 'section', 编: 'part' } as const;

const addDivision: Clause = (c, state) => {
  const m = c.eat(/增加一(章|节|编)[，,]\s*作为/u);
  if (!m) return null;
  const at = division(c);
  if (!at) return null;
  c.eat(/[，,]?\s*(?:章名|节名|编名)?为?/u);
  const heading = c.quote('zh');
  if (heading === null) return null;
  if (at.level !== levelOf[m[1] as keyof typeof levelOf])
    state.problems.push(`一${m[1]} is added, but as a ${at.level}`);
  const range = c.attempt(() => {
    if (!c.eat(/[，,]\s*包括/u)) return null;
    const first = position(c);
    if (!first) return null;
    const last = c.eat(/至/u) ? position(c) : first;
    return last ? { first, last } : null;
  });
  if (!range) {
    state.problems.push('an added division must say which articles it comprises (包括第A条至第B条)');
    return true;
  }
  state.operations.push({ op: 'add-division', at, heading, first: range.first, last: range.last });
  return true;
};

const deleteDivision: Clause = (c, state) => {
  if (!c.eat(/删去/u)) return null;
  const ref = division(c);
  if (!ref) return null;
  if (c.sees(/第/u)) return null;
  const headingOnly = !!c.eat(/的?(?:章名|节名|编名)/u);
  state.operations.push({ op: 'delete-division', division: ref, articles: !headingOnly });
  return true;
};

const renameDivision: Clause = (c, state) => {
  if (!c.eat(/将/u)) return null;
  const ref = division(c);
  if (!ref || !c.eat(/的?(?:章名|节名|编名|名称)修改为/u)) return null;
  const heading = c.quote('zh');
  if (heading === null) return null;
  state.operations.push({ op: 'rename-division', division: ref, heading });
  return true;
};

const renameLaw: Clause = (c, state) => {
  if (!c.eat(/将(?:本法|本条例|本规定|本办法|该法|法律|法规)?的?名称修改为[：:]?/u)) return null;
  const title = c.quote('zh');
  if (title === null) return null;
  state.operations.push({ op: 'rename-law', title });
  return true;
};

const merge: Clause = (c, state) => {
  if (!c.eat(/将/u)) return null;
  const first = target(c, state);
  if (first === null) return null;
  const articles = [first];
  for (;;) {
    const next = c.attempt(() => (c.eat(/、|和|与/u) ? target(c, state) : null));
    if (next === null) break;
    articles.push(next);
  }
  if (articles.length < 2 || !c.eat(/合并[，,]\s*作为/u)) return null;
  const at = position(c);
  if (!at) return null;
  const where = into(c);
  let paragraphs;
  if (c.eat(/[，,]\s*修改为/u)) {
    const lines = block(c, state);
    if (!lines) return null;
    paragraphs = quotedParagraphs(lines, 'zh', state.problems);
  }
  state.operations.push({
    op: 'merge-articles',
    articles,
    at,
    ...(paragraphs && { paragraphs }),
    ...(where && { into: where }),
  });
  return true;
};

const split: Clause = (c, state) => {
  if (!c.eat(/将/u)) return null;
  const a = target(c, state);
  if (a === null) return null;
  const m = c.eat(new RegExp(`第(${NUM})款(?:至第(${NUM})款)?改为`, 'u'));
  if (!m) return null;
  const from = num(m[1]);
  const to = m[2] ? num(m[2]) : from;
  const at = position(c);
  if (from === null || to === null || !at) return null;
  const where = into(c);
  let paragraphs;
  if (c.eat(/[，,]\s*修改为/u)) {
    const lines = block(c, state);
    if (!lines) return null;
    paragraphs = quotedParagraphs(lines, 'zh', state.problems);
  }
  state.operations.push({
    op: 'split-article',
    article: a,
    from,
    to,
    at,
    ...(paragraphs && { paragraphs }),
    ...(where && { into: where }),
  });
  setSubject(state, a);
  return true;
};

const renumber: Clause = (c, state) => {
  if (!c.eat(/将/u)) return null;
  const a = target(c, state);
  if (a === null || !c.eat(/改为/u)) return null;
  const at = position(c);
  if (!at) return null;
  const where = into(c);
  state.operations.push({ op: 'renumber-article', article: a, at, ...(where && { into: where }) });
  setSubject(state, a);
  return true;
};

const place: Clause = (c, state) => {
  let articles: number[] | null;
  if (c.eat(/将/u)) {
    articles = articleList(c, state);
    if (!articles) return null;
  } else {
    if (state.subject === null) return null;
    articles = [state.subject];
  }
  if (!c.eat(/列入/u)) return null;
  const ref = division(c);
  if (!ref) return null;
  state.operations.push({ op: 'place-articles', articles, into: ref });
  if (articles.length === 1) setSubject(state, articles[0]);
  return true;
};

const deleteArticles: Clause = (c, state) => {
  if (!c.eat(/删去/u)) return null;
  const articles = articleList(c, state);
  if (!articles || c.sees(/第|中的|的/u)) return null;
  state.operations.push({ op: 'delete-articles', articles });
  return true;
};

const deleteWords: Clause = (c, state) => {
  if (!c.eat(/删去/u)) return null;
  const ref = provision(c, state);
  if (!ref || !c.eat(/中的/u)) return null;
  const first = c.quote('zh');
  if (first === null) return null;
  const all = [first];
  for (;;) {
    const next = c.attempt(() => (c.eat(/[、，,]\s*/u) ? c.quote('zh') : null));
    if (next === null) break;
    all.push(next);
  }
  for (const words of all) state.operations.push({ op: 'delete-words', target: ref, words });
  setSubject(state, ref.article);
  return true;
};

const deleteProvision: Clause = (c, state) => {
  if (!c.eat(/删去/u)) return null;
  const ref = provision(c, state);
  if (!ref || (ref.paragraph === undefined && ref.item === undefined)) return null;
  state.operations.push({ op: 'delete-provision', target: ref });
  setSubject(state, ref.article);
  return true;
};

const insertWords: Clause = (c, state) => {
  if (!c.eat(/在/u)) return null;
  const ref = provision(c, state);
  if (!ref || !c.eat(/中的/u)) return null;
  const anchor = c.quote('zh');
  const side = anchor !== null ? c.eat(/(后|前)增加/u) : null;
  const words = side ? c.quote('zh') : null;
  if (anchor === null || !side || words === null) return null;
  state.operations.push({
    op: 'insert-words',
    target: ref,
    anchor,
    side: side[1] === '后' ? 'after' : 'before',
    words,
  });
  setSubject(state, ref.article);
  return true;
};

/// The shared head of "在第X条（第Y款）中增加一款/项，作为第N款/项：" and the quoted block after it:
/// where it goes (the subject article when none is named), its number and the quoted lines. The
/// container must be one level above `unit` (an article for a paragraph, a paragraph for an item).
function additionHead(
  c: Cursor,
  state: State,
  unit: '款' | '项',
): { ref: ProvisionRef; at: number; lines: string[] } | null {
  c.eat(/在/u);
  const ref = provision(c, state) ?? (state.subject !== null ? { article: state.subject } : null);
  if (!ref || (unit === '款' ? ref.paragraph : ref.item) !== undefined) return null;
  c.eat(/中/u);
  const m = c.eat(new RegExp(`增加一${unit}[，,]\\s*作为第(${NUM})${unit}`, 'u'));
  if (!m) return null;
  const lines = block(c, state);
  return lines ? { ref, at: num(m[1]) ?? 0, lines } : null;
}

const addParagraph: Clause = (c, state) => {
  const head = additionHead(c, state, '款');
  if (!head) return null;
  const [paragraph] = quotedParagraphs(head.lines, 'zh', state.problems, true);
  state.operations.push({
    op: 'add-paragraph',
    article: head.ref.article,
    at: head.at,
    paragraph: paragraph ?? { text: '', items: [] },
  });
  setSubject(state, head.ref.article);
  return true;
};

const addItem: Clause = (c, state) => {
  const head = additionHead(c, state, '项');
  if (!head) return null;
  const { ref, at, lines } = head;
  const { item, written } = quotedItem(lines, 'zh', state.problems);
  if (written !== null && written !== at)
    state.problems.push(
      `the quoted item is numbered ${label('item', written, 'zh')} but is added as 第${chineseNumeral(at)}项`,
    );
  state.operations.push({ op: 'add-item', article: ref.article, paragraph: ref.paragraph ?? 1, at, item });
  setSubject(state, ref.article);
  return true;
};

const rewrite: Clause = (c, state) => {
  c.eat(/将/u);
  const ref = provision(c, state) ?? (state.subject !== null ? { article: state.subject } : null);
  if (!ref || !c.sees(/修改为[：:]/u)) return null;
  c.eat(/修改为/u);
  const lines = block(c, state);
  if (!lines) return null;
  if (ref.item !== undefined) {
    const { item, written } = quotedItem(lines, 'zh', state.problems);
    state.operations.push({
      op: 'rewrite',
      target: ref,
      paragraphs: [{ text: '', items: [item] }],
      ...(written !== null && { label: written }),
    });
  } else {
    const paragraphs = quotedParagraphs(lines, 'zh', state.problems, ref.paragraph !== undefined);
    state.operations.push({ op: 'rewrite', target: ref, paragraphs });
  }
  setSubject(state, ref.article);
  return true;
};

const replaceWords: Clause = (c, state) => {
  c.eat(/将/u);
  const ref = provision(c, state);
  if (!ref || !c.eat(/中的/u)) return null;
  const pairs: Array<[string, string]> = [];
  for (;;) {
    const pair = c.attempt(() => {
      if (pairs.length > 0 && !c.eat(/[，,、]\s*/u)) return null;
      const from = c.quote('zh');
      if (from === null || !c.eat(/修改为/u)) return null;
      const to = c.quote('zh');
      return to === null ? null : ([from, to] as [string, string]);
    });
    if (!pair) break;
    pairs.push(pair);
  }
  if (pairs.length === 0) return null;
  for (const [from, to] of pairs) state.operations.push({ op: 'replace-words', target: ref, from, to });
  setSubject(state, ref.article);
  return true;
};

const clauses: readonly Clause[] = [
  addArticle,
  addDivision,
  deleteDivision,
  renameDivision,
  renameLaw,
  merge,
  split,
  renumber,
  place,
  deleteArticles,
  deleteWords,
  deleteProvision,
  insertWords,
  addParagraph,
  addItem,
  rewrite,
  replaceWords,
];
