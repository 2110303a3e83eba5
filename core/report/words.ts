/// The summary report's words in the draft's language: title, column headings, totals sentences.
/// Every renderer takes its words from here, so the four formats say the same thing.
import type { DispositionCounts, DispositionKind } from '../comments/disposition.ts';
import { dispositionKinds, dispositionLabel, pendingLabel } from '../comments/disposition.ts';
import type { Language } from '../language.ts';
import type { ArticleChange } from './changes.ts';
import type { SummaryReport, SummarySection } from './summary.ts';

/// Colours of the disposition kinds, shared by the chart, the chips and the DOCX shading.
export const dispositionColors: Readonly<Record<DispositionKind | 'pending', string>> = {
  adopted: '#1e7d3c',
  'partly-adopted': '#1f7a7a',
  'not-adopted': '#b3261e',
  noted: '#4a6fa5',
  'out-of-scope': '#62666d',
  pending: '#c98a00',
};

/// The words of one report.
export interface SummaryWords {
  readonly title: string;
  readonly columns: {
    readonly article: string;
    readonly points: string;
    readonly count: string;
    readonly disposition: string;
    readonly reason: string;
    readonly change: string;
  };
  readonly overview: string;
  readonly byArticle: string;
  readonly byDisposition: string;
  readonly bySubmitter: string;
  readonly chartTitle: string;
  readonly chartLegend: { readonly comments: string; readonly unique: string };
  readonly mainPoints: string;
  readonly handling: string;
  readonly changeMade: string;
  readonly share: string;
  readonly general: string;
  readonly notStated: string;
  readonly unchanged: string;
  readonly noChange: string;
  readonly noReason: string;
  readonly attachmentOnly: string;
  readonly personalDataNotice: string;
  readonly contents: string;
  /// "意见所针对文本：一稿；修改后文本：当前草案" / "Comments on: …; changes up to: …".
  versions(from: string, to: string): string;
  generated(at: number): string;
  /// The draft-level totals, as one or two sentences.
  totals(report: SummaryReport): string;
  /// "12 条意见，合并同类后 3 条" / "12 comments, 3 after merging near-duplicates".
  figures(section: Pick<SummarySection, 'comments' | 'unique'>): string;
  /// "（同类意见 40 条）" / "(40 similar comments)"; empty for one.
  similar(count: number): string;
  disposition(kind: DispositionKind | 'pending'): string;
  /// The heading of a section: the article's label, or the general section's name.
  sectionTitle(section: SummarySection): string;
  /// "第五条：修改" / "Article 5: amended", for the change column.
  changeTitle(change: ArticleChange): string;
  submitterType(type: string | null): string;
  /// What stands for unchanged lines left out of a change.
  readonly gap: string;
}

/// The words for `language`.
export function summaryWords(language: Language, draftTitle: string): SummaryWords {
  const title = draftTitle.replace(/^《(.*)》$/, '$1').trim();
  const date = (at: number) => new Date(at).toISOString().slice(0, 10);
  const counts = (c: DispositionCounts, join: (kind: DispositionKind | 'pending', n: number) => string) =>
    [...dispositionKinds, 'pending' as const].filter((k) => c[k] > 0).map((k) => join(k, c[k]));
  if (language === 'zh') {
    return {
      title: title ? `《${title}》征求意见采纳情况` : '征求意见采纳情况',
      columns: {
        article: '条文',
        points: '意见摘要',
        count: '意见数',
        disposition: '处理意见',
        reason: '理由',
        change: '修改情况',
      },
      overview: '总体情况',
      byArticle: '各条意见及处理情况',
      byDisposition: '处理情况',
      bySubmitter: '提交人类别',
      chartTitle: '各条文意见数',
      chartLegend: { comments: '意见数', unique: '合并同类后' },
      mainPoints: '主要意见',
      handling: '处理情况',
      changeMade: '修改情况',
      share: '占比',
      general: '总体意见及其他',
      notStated: '未注明',
      unchanged: '未修改',
      noChange: '—',
      noReason: '（未填写理由）',
      attachmentOnly: '仅提交附件',
      personalDataNotice: '本报告含提交人个人信息，仅供内部工作使用，不得公开。',
      contents: '目录',
      versions: (from, to) => `意见所针对文本：${from}；修改后文本：${to}`,
      generated: (at) => `生成日期：${date(at)}`,
      totals: (r) => {
        const t = r.totals;
        const first =
          `共收到意见${t.comments}条` +
          (t.withdrawn ? `（另有${t.withdrawn}条已撤回，不计入）` : '') +
          `，合并同类意见后为${t.unique}条，涉及${t.articlesCommented}个条文` +
          (t.clustersOfMany ? `；其中${t.clustersOfMany}组同类意见共${t.commentsInClustersOfMany}条` : '') +
          '。';
        const a = t.attachments;
        const files = a.total
          ? `意见附件共${a.total}份，已读取${a.read}份，无法读取${a.unreadable}份` +
            (a.notRead ? `，图片${a.notRead}份未读取` : '') +
            (a.pending ? `，待读取${a.pending}份` : '') +
            '。'
          : '';
        const parts = counts(t.dispositions, (k, n) => `${kindLabel(k, 'zh')}${n}条`);
        return (parts.length ? `${first}处理情况：${parts.join('，')}。` : first) + files;
      },
      figures: (s) =>
        s.unique === s.comments ? `${s.comments}条意见` : `${s.comments}条意见，合并同类后${s.unique}条`,
      similar: (n) => (n > 1 ? `（同类意见${n}条）` : ''),
      disposition: (k) => kindLabel(k, 'zh'),
      sectionTitle: (s) => (s.article ? s.article.label : '总体意见及其他'),
      changeTitle: (c) => {
        const label = (c.new ?? c.old)!.label;
        if (c.kind === 'unchanged') return `${label}：未修改`;
        const former = c.old && c.new && c.old.label !== c.new.label && !c.note.includes(c.old.label);
        return `${label}${former ? `（原${c.old!.label}）` : ''}：${c.note}`;
      },
      submitterType: (type) => (type === null ? '未注明' : (zhTypes[type] ?? type)),
      gap: '……',
    };
  }
  return {
    title: title
      ? `Public comments on ${title}: how they were handled`
      : 'Public comments: how they were handled',
    columns: {
      article: 'Article',
      points: 'Summary of comments',
      count: 'Comments',
      disposition: 'Disposition',
      reason: 'Reason',
      change: 'Change made',
    },
    overview: 'Overview',
    byArticle: 'Comments and their handling, article by article',
    byDisposition: 'Dispositions',
    bySubmitter: 'Submitters',
    chartTitle: 'Comments per article',
    chartLegend: { comments: 'comments', unique: 'after merging near-duplicates' },
    mainPoints: 'Main points',
    handling: 'Handling',
    changeMade: 'Change made',
    share: 'Share',
    general: 'General comments and others',
    notStated: 'Not stated',
    unchanged: 'Unchanged',
    noChange: '—',
    noReason: '(no reason given)',
    attachmentOnly: 'Attachment only',
    personalDataNotice:
      "This report contains submitters' personal data: for internal use only, not for publication.",
    contents: 'Contents',
    versions: (from, to) => `Comments on: ${from}; changes up to: ${to}`,
    generated: (at) => `Generated ${date(at)}`,
    totals: (r) => {
      const t = r.totals;
      const first =
        `${plural(t.comments, 'comment')} received` +
        (t.withdrawn ? ` (${t.withdrawn} withdrawn, not counted)` : '') +
        `, ${t.unique} after merging near-duplicates, on ${plural(t.articlesCommented, 'article')}` +
        (t.clustersOfMany
          ? `; ${plural(t.clustersOfMany, 'group')} of similar comments hold ${t.commentsInClustersOfMany} of them`
          : '') +
        '.';
      const a = t.attachments;
      const files = a.total
        ? ` Attachments: ${a.total}, of which ${a.read} read, ${a.unreadable} unreadable` +
          (a.notRead ? `, ${plural(a.notRead, 'image')} not read` : '') +
          (a.pending ? `, ${a.pending} not read yet` : '') +
          '.'
        : '';
      const parts = counts(t.dispositions, (k, n) => `${kindLabel(k, 'en').toLowerCase()} ${n}`);
      return (parts.length ? `${first} Dispositions: ${parts.join(', ')}.` : first) + files;
    },
    figures: (s) =>
      s.unique === s.comments
        ? plural(s.comments, 'comment')
        : `${plural(s.comments, 'comment')}, ${s.unique} after merging near-duplicates`,
    similar: (n) => (n > 1 ? ` (${n} similar comments)` : ''),
    disposition: (k) => kindLabel(k, 'en'),
    sectionTitle: (s) => (s.article ? s.article.label : 'General comments and others'),
    changeTitle: (c) => {
      const label = (c.new ?? c.old)!.label;
      if (c.kind === 'unchanged') return `${label}: unchanged`;
      const former = c.old && c.new && c.old.label !== c.new.label && !c.note.includes(c.old.label);
      return `${label}${former ? ` (formerly ${c.old!.label})` : ''}: ${c.note.toLowerCase()}`;
    },
    submitterType: (type) => (type === null ? 'Not stated' : (enTypes[type] ?? type)),
    gap: '…',
  };
}

const zhTypes: Readonly<Record<string, string>> = {
  individual: '个人',
  enterprise: '企业',
  association: '社会组织',
  government: '国家机关',
  expert: '专家学者',
  other: '其他',
};
const enTypes: Readonly<Record<string, string>> = {
  individual: 'Individual',
  enterprise: 'Enterprise',
  association: 'Association',
  government: 'Government body',
  expert: 'Expert',
  other: 'Other',
};

function kindLabel(kind: DispositionKind | 'pending', language: Language): string {
  return kind === 'pending' ? pendingLabel(language) : dispositionLabel(kind, language);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
