// `lifa comments import`: the corpus file (647 comments, one withdrawn, HTML decoded), CSV with article
// references, idempotent re-import, and bad files and arguments (exit 2, one line).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { lifa, projectPath } from '../helpers/cli.ts';

const corpus = projectPath('test/fixtures/comments/cms-2022-0163.comments.jsonl');
const scratch = mkdtempSync(join(tmpdir(), 'lifa-comments-'));
const data = join(scratch, 'data');
let draftId: string;

const law = `Regulations on Test Drafting
Chapter I General Provisions
Article 1 Alpha provision text.
Article 2 Bravo provision text.
Article 3 Charlie provision text.
`;

beforeAll(async () => {
  const storage = openStorage(data);
  try {
    draftId = (await createDraft(new SqliteStorage(storage), { text: law })).draft.id;
  } finally {
    storage.close();
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/// Every comment of the draft, straight from the database.
function stored() {
  const storage = openStorage(data);
  try {
    return storage.comments.list(draftId, { limit: 100_000 });
  } finally {
    storage.close();
  }
}

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe('lifa comments import', () => {
  it('imports the corpus file: 647 comments, 1 withdrawn, HTML decoded; a second import adds none', () => {
    const first = lifa(['comments', 'import', corpus, '--draft', draftId, '--data', data]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('imported 647 comments');
    expect(first.stdout).toContain('1 withdrawn');
    const comments = stored();
    expect(comments).toHaveLength(647);
    expect(comments.filter((c) => c.withdrawn)).toHaveLength(1);
    expect(comments.every((c) => c.kind === 'imported' && c.articleId === null)).toBe(true);
    const second = comments.find((c) => c.externalId === 'CMS-2022-0163-0002')!;
    expect(second.body).toContain('Healthcare Providers & Services');
    expect(second.body).not.toMatch(/<br|&amp;|&#39;/);
    expect(second.submitter?.name).toBe('Submitter 0002');
    expect(second.createdAt).toBe(Date.parse('2022-10-07T04:00:00Z'));
    expect(comments.every((c) => !/<[a-z][^>]*>/i.test(c.body))).toBe(true);

    const again = lifa(['comments', 'import', corpus, '--draft', draftId, '--data', data]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('imported 0 comments');
    expect(again.stdout).toContain('647 already there');
    expect(stored()).toHaveLength(647);
  });

  it('maps CSV rows to articles by number, label or id, else to the draft, and keeps text as written', () => {
    const csv = file(
      'comments.csv',
      [
        'id,received,article,name,contact,organization,submitterType,text',
        'c1,2026-01-02,2,Zhang San,zs@example.com,,individual,"Make article 2 <b>clearer</b>."',
        'c2,2026-01-03,Article 3,Li Si,,Acme Ltd,企业,"Two lines:',
        'second line"',
        'c3,,第一条,Wang Wu,,,,First article.',
        'c4,,99,Zhao Liu,,,,No such article.',
        'c5,,,Zhang San,zs@example.com,,,On the whole draft.',
      ].join('\n') + '\n',
    );
    const run = lifa(['comments', 'import', csv, '--draft', draftId, '--data', data]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('imported 5 comments');
    expect(run.stdout).toContain('3 on articles');
    expect(run.stderr).toBe(
      `${csv} line 6: no article "99" in the draft; the comment is on the draft as a whole\n`,
    );
    const byId = new Map(stored().map((c) => [c.externalId, c]));
    const c1 = byId.get('c1')!;
    const c2 = byId.get('c2')!;
    expect(c1.articleId).not.toBeNull();
    expect(c2.articleId).not.toBeNull();
    expect(c1.articleId).not.toBe(c2.articleId);
    expect(byId.get('c3')!.articleId).not.toBeNull();
    expect(byId.get('c4')!.articleId).toBeNull();
    expect(byId.get('c5')!.articleId).toBeNull();
    expect(c1.body).toBe('Make article 2 <b>clearer</b>.');
    expect(c2.body).toBe('Two lines:\nsecond line');
    expect(c2.submitter).toMatchObject({ organization: 'Acme Ltd', type: 'enterprise' });
    // The same person (name and contact) keeps one pseudonym number.
    expect(byId.get('c5')!.submitter!.number).toBe(c1.submitter!.number);
    expect(lifa(['comments', 'import', csv, '--draft', draftId, '--data', data]).stdout).toContain(
      'imported 0 comments',
    );
  });

  it('refuses bad files and arguments with exit 2 and one line, importing nothing', () => {
    const before = stored().length;
    const badJson = file('bad.jsonl', '{"id": "x1", "comment": "fine"}\n{"id": "x2", "comment": \n');
    const cases: [string[], RegExp][] = [
      [
        ['comments', 'import', badJson, '--draft', draftId, '--data', data],
        /bad\.jsonl line 2: not valid JSON/,
      ],
      [
        ['comments', 'import', file('notext.csv', 'id,body\n1,hello\n'), '--draft', draftId, '--data', data],
        /line 1: no "text" column/,
      ],
      [
        [
          'comments',
          'import',
          file('unclosed.csv', 'id,text\n1,"never closed\n'),
          '--draft',
          draftId,
          '--data',
          data,
        ],
        /not valid CSV/,
      ],
      [
        ['comments', 'import', file('x.txt', 'hello'), '--draft', draftId, '--data', data],
        /cannot tell the format/,
      ],
      [
        ['comments', 'import', join(scratch, 'missing.csv'), '--draft', draftId, '--data', data],
        /no such file/,
      ],
      [['comments', 'import', corpus, '--draft', 'nosuchdraft', '--data', data], /no draft nosuchdraft/],
      [['comments', 'import', corpus, '--draft', '../etc', '--data', data], /--draft must be a draft id/],
      [['comments', 'import', corpus, '--data', data], /required option '--draft/],
      [
        ['comments', 'import', corpus, '--draft', draftId, '--format', 'xml', '--data', data],
        /--format must be/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = lifa(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(stored()).toHaveLength(before);
  });
});
