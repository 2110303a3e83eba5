// `lifa comments cluster` on the imported corpus file (the JSON shape, largest first, the campaign
// letter as one cluster) and `lifa summary` in every format, with and without personal data; bad
// arguments exit 2 with one line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../../core/index.ts';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { lifa, projectPath } from '../helpers/cli.ts';

const corpusFile = projectPath('test/fixtures/comments/cms-2022-0163.comments.jsonl');
const corpus = readFileSync(corpusFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; comment: string | null; withdrawn: boolean });
const labels = JSON.parse(
  readFileSync(projectPath('test/fixtures/comments/cms-2022-0163.campaign.json'), 'utf8'),
) as { phrase: string; adapted: string[] };
const byPhrase = corpus
  .filter(
    (r) =>
      !r.withdrawn &&
      normalizeText(r.comment ?? '')
        .toLowerCase()
        .includes(labels.phrase),
  )
  .map((r) => r.id);
const campaign = new Set([...byPhrase, ...labels.adapted]);

const scratch = mkdtempSync(join(tmpdir(), 'lifa-clerk-'));
const data = join(scratch, 'data');
let draftId: string;

beforeAll(async () => {
  const storage = openStorage(data);
  try {
    draftId = (
      await createDraft(new SqliteStorage(storage), {
        text: 'Test Regulations\nArticle 1 Alpha provision text.\nArticle 2 Bravo provision text.\n',
      })
    ).draft.id;
  } finally {
    storage.close();
  }
  const run = lifa(['comments', 'import', corpusFile, '--draft', draftId, '--data', data]);
  if (run.status !== 0) throw new Error(run.stderr);
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ClustersJson {
  clusters: {
    id: string;
    size: number;
    representative: string;
    members: { id: string; externalId: string | null }[];
  }[];
}

describe('lifa comments cluster', () => {
  it('prints every cluster as JSON, largest first, the campaign letter as one cluster', () => {
    const run = lifa(['comments', 'cluster', '--draft', draftId, '--data', data, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as ClustersJson;
    expect(Object.keys(json)).toEqual(['clusters']);
    for (const c of json.clusters) {
      expect(Object.keys(c)).toEqual(['id', 'size', 'representative', 'members']);
      expect(c.size).toBe(c.members.length);
      for (const m of c.members) expect(Object.keys(m)).toEqual(['id', 'externalId']);
    }
    const sizes = json.clusters.map((c) => c.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // Every comment but the withdrawn one is in exactly one cluster.
    const members = json.clusters.flatMap((c) => c.members.map((m) => m.externalId));
    expect(members).toHaveLength(646);
    expect(new Set(members).size).toBe(646);

    const letters = json.clusters[0];
    const ids = new Set(letters.members.map((m) => m.externalId!));
    for (const id of byPhrase) expect(ids.has(id), id).toBe(true);
    expect([...ids].filter((id) => !campaign.has(id))).toEqual([]);
    expect(letters.size).toBeGreaterThanOrEqual(215);
    expect(letters.representative.toLowerCase()).toContain(labels.phrase);
    // "See attached file(s)" stubs are grouped on their own.
    const stubs = json.clusters.find((c) => /^see attached file/i.test(c.representative))!;
    expect(stubs.size).toBeGreaterThan(10);
    expect(stubs.members.some((m) => ids.has(m.externalId!))).toBe(false);
  });

  it('gives the same clusters, with the same ids, when run again', () => {
    const first = JSON.parse(
      lifa(['comments', 'cluster', '--draft', draftId, '--data', data, '--json']).stdout,
    );
    const second = JSON.parse(
      lifa(['comments', 'cluster', '--draft', draftId, '--data', data, '--json']).stdout,
    );
    expect(second).toEqual(first);
  });

  it('prints a short list without --json', () => {
    const run = lifa(['comments', 'cluster', '--draft', draftId, '--data', data]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^646 comments in \d+ clusters \(\d+ of two or more, holding \d+ comments\); 1 withdrawn/,
    );
    expect(run.stdout.split('\n')[1]).toMatch(/^\s+2\d\d\s/);
  });

  it('refuses bad arguments with one line and status 2', () => {
    for (const args of [
      ['comments', 'cluster', '--data', data],
      ['comments', 'cluster', '--draft', 'nosuchdraft1', '--data', data],
      ['comments', 'cluster', '--draft', '../x', '--data', data],
    ]) {
      const run = lifa(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('lifa summary', () => {
  const out = (name: string) => join(scratch, name);

  it('writes every format', () => {
    for (const format of ['md', 'html', 'csv', 'docx']) {
      const run = lifa(['summary', '--draft', draftId, '--data', data, '--out', out(`report.${format}`)]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/^646 comments, \d+ after clustering, 0 decided\n$/);
    }
    expect(readFileSync(out('report.md'), 'utf8')).toContain(
      '646 comments received (1 withdrawn, not counted)',
    );
    expect(readFileSync(out('report.html'), 'utf8')).toContain('<svg');
    const rows = parse(readFileSync(out('report.csv')), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(646);
    expect(rows.every((r) => r.disposition === 'pending')).toBe(true);
    expect(rows.every((r) => /^Commenter \d+$/.test(r.submitter))).toBe(true);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(out('report.docx'))))['word/document.xml']);
    expect(xml).toContain('Summary of comments');
    expect(xml).toContain('General comments and others');
  });

  it('writes Markdown to standard output and refuses DOCX there', () => {
    const md = lifa(['summary', '--draft', draftId, '--data', data, '--format', 'md']);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Public comments on Test Regulations/);
    const docx = lifa(['summary', '--draft', draftId, '--data', data, '--format', 'docx']);
    expect(docx.status).toBe(2);
    expect(docx.stderr).toBe('lifa: docx is binary: give --out FILE\n');
  });

  it('includes names and contact columns only with --with-personal-data, and says so', () => {
    const run = lifa([
      'summary',
      '--draft',
      draftId,
      '--data',
      data,
      '--format',
      'csv',
      '--with-personal-data',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('contains personal data');
    const rows = parse(run.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toContain('contact');
    expect(rows.some((r) => /^Submitter \d+$/.test(r.submitter))).toBe(true);
  });

  it('refuses bad arguments with one line and status 2', () => {
    for (const [args, message] of [
      [
        ['summary', '--draft', draftId, '--data', data, '--format', 'pdf'],
        /--format must be one of docx\|csv\|md\|html/,
      ],
      [['summary', '--draft', draftId, '--data', data, '--from', 'zzzzzzzzzz'], /no version zzzzzzzzzz/],
      [['summary', '--draft', draftId, '--data', data, '--to', '../x'], /--to must be a version id or live/],
      [['summary', '--draft', 'nosuchdraft1', '--data', data], /no draft nosuchdraft1/],
    ] as const) {
      const run = lifa(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
