// The pure parts of the comment server: reading comment files, matching article references, the rate
// limit, submitter identity, and what each role sees of a submitter.
import { describe, expect, it } from 'vitest';
import {
  parseCommentsCsv,
  parseCommentsJsonl,
  resolveArticle,
  submitterTypeOf,
} from '../../server/comments/import.ts';
import { pseudonym, seesPersonalData, submitterView } from '../../server/comments/privacy.ts';
import { TokenBuckets } from '../../server/comments/rate-limit.ts';
import { commentJson } from '../../server/comments/view.ts';
import type { CommentRecord } from '../../server/storage/comments.ts';
import { submitterIdentity } from '../../server/storage/submitters.ts';
import type { SubmitterRecord } from '../../server/storage/submitters.ts';

describe('reading CSV', () => {
  it('reads the documented columns in any case and order, keeps other columns as source data', () => {
    const { records, problems } = parseCommentsCsv(
      '\uFEFFText,Name,ID,Article,Received,SubmitterType,Channel\r\n"Line one\r\nline two",Zhang,x1,第二条,2026-03-01,专家,letter\r\n',
    );
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        line: 2,
        externalId: 'x1',
        receivedAt: Date.parse('2026-03-01'),
        article: '第二条',
        name: 'Zhang',
        contact: null,
        organization: null,
        submitterType: 'expert',
        body: 'Line one\nline two',
        withdrawn: false,
        attachments: [],
        source: { channel: 'letter' },
      },
    ]);
  });

  it('makes a stable id for rows without one, and reports what it cannot read', () => {
    const csv = 'text,received,submitterType\nHello,not a date,alien\n,,\n';
    const first = parseCommentsCsv(csv);
    expect(first.records[0].externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(parseCommentsCsv(csv).records[0].externalId).toBe(first.records[0].externalId);
    expect(first.problems.map((p) => [p.line, p.fatal])).toEqual([
      [2, false],
      [2, false],
      [3, false],
    ]);
    expect(first.records[0]).toMatchObject({ receivedAt: null, submitterType: null });
    expect(parseCommentsCsv('id,body\n1,x\n').problems).toMatchObject([{ line: 1, fatal: true }]);
    expect(parseCommentsCsv('id,text\n1,"open\n').problems[0]).toMatchObject({ fatal: true });
    expect(parseCommentsCsv('id,text\n1,a,b\n').problems[0]).toMatchObject({ line: 2, fatal: true });
    expect(parseCommentsCsv('id,text\n')).toEqual({ records: [], problems: [] });
  });
});

describe('reading JSONL', () => {
  it('decodes HTML to plain text, keeps withdrawn comments, and names the line of every problem', () => {
    const { records, problems } = parseCommentsJsonl(
      [
        '{"id": "c1", "submitter": "S 1", "comment": "A &amp; B<br/>next", "withdrawn": false, "title": "T"}',
        '',
        '{"id": "c2", "comment": null, "withdrawn": true}',
        'not json',
        '[1]',
        '{"id": {"x": 1}, "comment": "x"}',
        '{"id": "c3", "comment": 5}',
      ].join('\n'),
    );
    expect(records.map((r) => [r.line, r.externalId, r.body, r.withdrawn])).toEqual([
      [1, 'c1', 'A & B\nnext', false],
      [3, 'c2', '', true],
    ]);
    expect(records[0].source).toEqual({ title: 'T' });
    expect(problems.map((p) => [p.line, p.fatal])).toEqual([
      [4, true],
      [5, true],
      [6, true],
      [7, true],
    ]);
  });
});

describe('article references', () => {
  const articles = [
    { id: 'aaa', number: 1 },
    { id: 'bbb', number: 2 },
    { id: 'ccc', number: 12 },
  ];
  it('match an id, a number, or a label in Chinese or English', () => {
    for (const [value, id] of [
      ['bbb', 'bbb'],
      ['2', 'bbb'],
      ['第二条', 'bbb'],
      ['第十二条', 'ccc'],
      ['第 12 条', 'ccc'],
      ['Article 12', 'ccc'],
      ['art. 1', 'aaa'],
      ['§ 2', 'bbb'],
    ]) {
      expect(resolveArticle(value, articles), value).toBe(id);
    }
    for (const value of ['3', '第三条', '0', 'Article', 'zzz', '-1'])
      expect(resolveArticle(value, articles), value).toBeUndefined();
  });

  it('read submitter types in English and Chinese', () => {
    expect(submitterTypeOf('Government body')).toBe('government');
    expect(submitterTypeOf('企业')).toBe('enterprise');
    expect(submitterTypeOf(' EXPERT ')).toBe('expert');
    expect(submitterTypeOf('alien')).toBeNull();
  });
});

describe('the rate limit', () => {
  it('allows a burst, then one request per interval, per key, with the wait in whole seconds', () => {
    const buckets = new TokenBuckets(2, 10_000);
    expect(buckets.take('a', 0)).toEqual({ ok: true });
    expect(buckets.take('a', 0)).toEqual({ ok: true });
    expect(buckets.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('b', 0)).toEqual({ ok: true });
    expect(buckets.take('a', 7_500)).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(buckets.take('a', 10_000)).toEqual({ ok: true });
    expect(buckets.take('a', 10_001)).toMatchObject({ ok: false });
    expect(() => new TokenBuckets(0, 1)).toThrow(RangeError);
    expect(() => new TokenBuckets(1, 0)).toThrow(RangeError);
  });
});

describe('submitters', () => {
  const zhang: SubmitterRecord = {
    id: 1,
    draftId: 'd',
    number: 12,
    name: 'Zhang San',
    contact: 'z@example.com',
    organization: 'Acme',
    type: 'enterprise',
  };

  it('are the same person under the same name and contact, whatever the case, width and spacing', () => {
    expect(submitterIdentity(' Zhang  San ', 'Z@Example.com')).toBe(
      submitterIdentity('zhang san', 'z@example.com'),
    );
    expect(submitterIdentity('ＺＨＡＮＧ san', null)).toBe(submitterIdentity('zhang san', ''));
    expect(submitterIdentity('Zhang San', 'a@example.com')).not.toBe(
      submitterIdentity('Zhang San', 'b@example.com'),
    );
    expect(submitterIdentity('  ', 'x')).toBeNull();
  });

  it('show their name and contact to owners and clerks only; everyone else sees the pseudonym', () => {
    expect(['owner', 'clerk'].filter((r) => seesPersonalData(r as never))).toEqual(['owner', 'clerk']);
    for (const viewer of ['drafter', 'reviewer', 'viewer', 'public'] as const) {
      const seen = submitterView(zhang, viewer, 'en');
      expect(seen, viewer).toEqual({
        number: 12,
        pseudonym: 'Commenter 12',
        organization: 'Acme',
        type: 'enterprise',
      });
      expect(JSON.stringify(seen)).not.toMatch(/Zhang|example/);
    }
    expect(submitterView(zhang, 'clerk', 'zh')).toEqual({
      number: 12,
      pseudonym: '意见人12',
      organization: 'Acme',
      type: 'enterprise',
      name: 'Zhang San',
      contact: 'z@example.com',
    });
    expect(pseudonym(3, 'zh')).toBe('意见人3');
  });

  it('reach the API only through that view, also as a comment’s author', () => {
    const record: CommentRecord = {
      id: 5,
      draftId: 'd',
      kind: 'public',
      articleId: null,
      versionId: 'v',
      parentId: null,
      status: 'open',
      body: '<b>x</b>',
      authorId: null,
      author: null,
      submitter: zhang,
      anchor: null,
      externalId: null,
      receipt: 'LF-1',
      sender: 'hash',
      source: { secret: 1 },
      withdrawn: false,
      citedArticleId: null,
      tags: [],
      edits: 0,
      createdAt: 0,
      updatedAt: 0,
      deletedAt: null,
    };
    const reviewer = commentJson(record, { viewer: 'reviewer', userId: 7 }, 'en');
    expect(reviewer).toMatchObject({ id: '5', author: 'Commenter 12', body: '<b>x</b>', mine: false });
    expect(JSON.stringify(reviewer)).not.toMatch(/Zhang|example|hash|LF-1|secret/);
    expect(commentJson(record, { viewer: 'owner', userId: 1 }, 'en').author).toBe('Zhang San');
    expect(commentJson({ ...record, deletedAt: 1 }, { viewer: 'owner', userId: 1 }, 'en')).toMatchObject({
      body: '',
      deleted: true,
    });
  });
});
