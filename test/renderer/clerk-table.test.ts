// The clerk's table in the renderer: windowing arithmetic, filtering, sorting, tallies and in-place
// updates over the columns the server sends, and the clerk page's address.
import { describe, expect, it } from 'vitest';
import type { ClerkTableJson } from '../../renderer/src/api/clerk.ts';
import { parseRoute, routeHref } from '../../renderer/src/app/router.ts';
import {
  applyDisposition,
  articleShown,
  clerkData,
  filterRows,
  noFilter,
  sortRows,
  tallyRows,
} from '../../renderer/src/clerk/table-model.ts';
import { rowWindow, scrollToRow } from '../../renderer/src/lib/windowing.ts';

// Five comments: 1–3 in cluster c1 (3 decided for the cluster, 2 its own), 4 alone and pending, 5 withdrawn.
const json: ClerkTableJson = {
  clusteredAt: null,
  stale: false,
  updating: false,
  versions: [{ id: 'v1', label: '征求意见稿' }],
  articles: [
    { id: 'a1', version: 0, label: '第一条', current: '第二条' },
    { id: 'a2', version: -1, label: '第二条', current: '第二条' },
  ],
  tags: ['urgent'],
  submitterTypes: ['individual', 'enterprise'],
  clusters: [
    { id: 'c1', size: 3, kind: 'text' },
    { id: '4', size: 1, kind: 'text' },
  ],
  reasons: ['已采纳', '不予采纳的理由'],
  users: ['clerk'],
  rows: {
    id: [1, 2, 3, 4, 5],
    article: [0, 0, 1, -1, 0],
    status: [0, 1, 0, 0, 0],
    withdrawn: [0, 0, 0, 0, 1],
    tags: [[0], [], [], [0], []],
    submitterType: [0, 1, 0, -1, 0],
    submitter: ['意见人1', '意见人2', '意见人3', '意见人4', '意见人5'],
    cluster: [0, 0, 0, 1, -1],
    disposition: [0, 2, 0, -1, -1],
    source: [1, 0, 1, -1, -1],
    reason: [0, 1, 0, -1, -1],
    decidedBy: [0, 0, 0, -1, -1],
    decidedAt: [1, 2, 1, 0, 0],
    linkedArticleId: [null, null, null, null, null],
    receivedAt: [50, 40, 30, 20, 10],
    excerpt: ['甲', '乙', '丙', '丁', '戊'],
    cited: [0, 0, 0, 0, 0],
    attachments: [0, 0, 1, 0, 0],
    unreadable: [0, 0, 0, 0, 0],
    attachmentExcerpt: ['', '', '附件第一行', '', ''],
  },
};

const ids = (data: ReturnType<typeof clerkData>, rows: Int32Array) =>
  [...rows].map((row) => data.rows.id[row]);

describe('the windowing of a long table', () => {
  it('renders the rows in view and a few more, never past the end', () => {
    expect(rowWindow(0, 340, 34, 100_000, 5)).toEqual({ start: 0, end: 15 });
    expect(rowWindow(34 * 1000, 340, 34, 100_000, 5)).toEqual({ start: 995, end: 1015 });
    expect(rowWindow(34 * 100_000, 340, 34, 100_000, 5)).toEqual({ start: 99_995, end: 100_000 });
    expect(rowWindow(-50, Number.NaN, 34, 3)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(0, 340, 34, 0)).toEqual({ start: 0, end: 0 });
    expect(() => rowWindow(0, 340, 0, 10)).toThrow(RangeError);
  });

  it('scrolls as little as needed to bring a row into view', () => {
    expect(scrollToRow(5, 0, 340, 34)).toBe(0);
    expect(scrollToRow(20, 0, 340, 34)).toBe(21 * 34 - 340);
    expect(scrollToRow(2, 340, 340, 34)).toBe(68);
  });
});

describe('the clerk table model', () => {
  it('leaves withdrawn comments out unless asked, and filters by every column', () => {
    const data = clerkData(json);
    expect(ids(data, filterRows(data, noFilter))).toEqual([1, 2, 3, 4]);
    expect(ids(data, filterRows(data, { ...noFilter, withdrawn: true }))).toEqual([1, 2, 3, 4, 5]);
    expect(ids(data, filterRows(data, { ...noFilter, article: 0 }))).toEqual([1, 2]);
    expect(ids(data, filterRows(data, { ...noFilter, article: 'none' }))).toEqual([4]);
    expect(ids(data, filterRows(data, { ...noFilter, status: 'resolved' }))).toEqual([2]);
    expect(ids(data, filterRows(data, { ...noFilter, tag: 0 }))).toEqual([1, 4]);
    expect(ids(data, filterRows(data, { ...noFilter, submitterType: 'none' }))).toEqual([4]);
    expect(ids(data, filterRows(data, { ...noFilter, cluster: 'many' }))).toEqual([1, 2, 3]);
    expect(ids(data, filterRows(data, { ...noFilter, cluster: 'single' }))).toEqual([4]);
    expect(ids(data, filterRows(data, { ...noFilter, disposition: 'pending' }))).toEqual([4]);
    expect(ids(data, filterRows(data, { ...noFilter, disposition: 'not-adopted' }))).toEqual([2]);
    expect(ids(data, filterRows(data, { ...noFilter, search: new Set([3, 4]) }))).toEqual([3, 4]);
  });

  it('sorts by a column, then by id', () => {
    const data = clerkData(json);
    const all = filterRows(data, noFilter);
    expect(ids(data, sortRows(data, all, 'received'))).toEqual([4, 3, 2, 1]);
    expect(ids(data, sortRows(data, all, 'id', true))).toEqual([4, 3, 2, 1]);
    expect(ids(data, sortRows(data, all, 'article'))).toEqual([1, 2, 3, 4]);
    expect(ids(data, sortRows(data, all, 'disposition'))).toEqual([4, 1, 3, 2]);
    expect(ids(data, sortRows(data, all, 'cluster'))).toEqual([1, 2, 3, 4]);
  });

  it('counts pending comments and each disposition', () => {
    const data = clerkData(json);
    expect(tallyRows(data, filterRows(data, noFilter))).toEqual({ pending: 1, kinds: [2, 0, 1, 0, 0] });
  });

  it('updates in place as the server does: a cluster decision spares members with their own', () => {
    const data = clerkData(json);
    const recorded = {
      kind: 'noted' as const,
      reason: '已知悉。',
      linkedArticleId: null,
      decidedBy: 'cleo',
      decidedAt: 9,
    };
    expect(applyDisposition(data, recorded, [], [0])).toBe(2);
    expect(data.rows.disposition).toEqual([3, 2, 3, -1, -1]);
    expect(data.reasons[data.rows.reason[0]]).toBe('已知悉。');
    expect(data.users[data.rows.decidedBy[0]]).toBe('cleo');
    expect(applyDisposition(data, { ...recorded, kind: 'adopted' }, [], [0], true)).toBe(3);
    expect(data.rows.source.slice(0, 3)).toEqual([1, 1, 1]);
    expect(applyDisposition(data, recorded, [3], [])).toBe(1);
    expect(data.rows.source[3]).toBe(0);
  });
});

describe('the clerk page address', () => {
  it('round-trips', () => {
    expect(parseRoute('/drafts/abc123/clerk')).toEqual({ name: 'clerk', id: 'abc123' });
    expect(routeHref({ name: 'clerk', id: 'abc123' })).toBe('/drafts/abc123/clerk');
  });
});

describe('the article column', () => {
  it('shows the number the commenter saw, with the version, and the number now when it differs', () => {
    const data = clerkData(json);
    expect(articleShown(data, 0)).toEqual({
      label: '第一条',
      version: '征求意见稿',
      now: '第二条',
      gone: false,
    });
    expect(articleShown(data, 1)).toEqual({ label: '第二条', version: null, now: null, gone: false });
    expect(articleShown(data, -1)).toBeNull();
    const deleted = clerkData({
      ...json,
      articles: [{ id: 'a1', version: 0, label: '第一条', current: null }, json.articles[1]],
    });
    expect(articleShown(deleted, 0)).toEqual({
      label: '第一条',
      version: '征求意见稿',
      now: null,
      gone: true,
    });
  });
});
