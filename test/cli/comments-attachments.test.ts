// `lifa comments import` with attachment folders: CSV column `attachments` and JSONL field
// `attachments`, paths relative to the imported file, the files read by the command (a zip bomb among
// them marked unreadable), a missing file a problem on its line, and a second import adding nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraft } from '../../server/drafts.ts';
import { SqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { openStorage } from '../../server/storage/storage.ts';
import { campaignLetter, docxFile, gb18030File, pdfFile, zipBombDocx } from '../helpers/attachment-files.ts';
import { lifa } from '../helpers/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lifa-docket-'));
const data = join(scratch, 'data');
const docket = join(scratch, 'docket');
let draftId: string;

const law = ['Regulations on Test Drafting', 'Chapter I General Provisions']
  .concat(Array.from({ length: 14 }, (_, i) => `Article ${i + 1} Provision ${i + 1} text.`))
  .join('\n');

beforeAll(async () => {
  const storage = openStorage(data);
  try {
    draftId = (await createDraft(new SqliteStorage(storage), { text: law + '\n' })).draft.id;
  } finally {
    storage.close();
  }
  mkdirSync(join(docket, 'files'), { recursive: true });
  writeFileSync(join(docket, 'files', 'campaign.pdf'), await pdfFile([campaignLetter.join('\n')]));
  writeFileSync(join(docket, 'files', 'own.docx'), await docxFile(['We ask that Article 3 be deleted.']));
  writeFileSync(join(docket, 'files', '意见.txt'), gb18030File('关于第五条：建议延长期限。'));
  writeFileSync(join(docket, 'files', 'bomb.docx'), zipBombDocx());
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function attachmentsOf(externalId: string) {
  const storage = openStorage(data);
  try {
    const id = storage.comments.byExternalId(draftId, externalId)!;
    return {
      comment: storage.comments.get(id)!,
      files: storage.attachments
        .ofComment(id)
        .map((a) => ({ name: a.fileName, state: a.state, reason: a.reason })),
    };
  } finally {
    storage.close();
  }
}

// Each run starts the command and a reader process (tsx, pdfjs): slow on a busy machine.
describe('lifa comments import with attachments', { timeout: 180_000 }, () => {
  it('reads the files a CSV names, reports a missing one on its line, and imports nothing twice', () => {
    const csv = join(docket, 'comments.csv');
    writeFileSync(
      csv,
      [
        'id,name,text,attachments',
        'c1,Member One,Please find attached our comments.,files/campaign.pdf',
        'c2,Zhang,See attached file(s),files/own.docx; files/missing.pdf',
        'c3,Li,详见附件,files/意见.txt',
        'c4,Mallory,Attached,files/bomb.docx',
      ].join('\n') + '\n',
    );
    const run = lifa(['comments', 'import', csv, '--draft', draftId, '--data', data]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      `${csv} line 3: attachment files/missing.pdf: no such file; the comment is imported without it\n`,
    );
    expect(run.stdout).toContain('imported 4 comments');
    expect(run.stdout).toContain(
      'attached 4 files (0 already there); attachments of the draft: 3 read, 1 unreadable',
    );

    expect(attachmentsOf('c1').files).toEqual([{ name: 'campaign.pdf', state: 'read', reason: null }]);
    const zhang = attachmentsOf('c2');
    expect(zhang.files).toEqual([{ name: 'own.docx', state: 'read', reason: null }]);
    // The comment is on the draft as a whole; its attachment cites Article 3.
    expect(zhang.comment.articleId).toBeNull();
    expect(zhang.comment.citedArticleId).not.toBeNull();
    expect(attachmentsOf('c3').files).toEqual([{ name: '意见.txt', state: 'read', reason: null }]);
    expect(attachmentsOf('c4').files[0]).toMatchObject({
      state: 'unreadable',
      reason: expect.stringMatching(/^a zip bomb/),
    });

    // The missing file turns up: importing again attaches it and nothing else.
    writeFileSync(join(docket, 'files', 'missing.pdf'), Buffer.from('%PDF-1.4 not really'));
    const again = lifa(['comments', 'import', csv, '--draft', draftId, '--data', data, '--no-extract']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('imported 0 comments');
    expect(again.stdout).toContain('attached 1 files (4 already there)');
    expect(attachmentsOf('c2').files.map((f) => [f.name, f.state])).toEqual([
      ['own.docx', 'read'],
      ['missing.pdf', 'pending'],
    ]);
  });

  it('reads the attachments field of JSONL, and refuses one that is not a list of paths (exit 2)', () => {
    const jsonl = join(docket, 'comments.jsonl');
    writeFileSync(
      jsonl,
      JSON.stringify({
        id: 'j1',
        submitter: 'A',
        comment: 'See attached',
        attachments: ['files/campaign.pdf'],
      }) + '\n',
    );
    const run = lifa(['comments', 'import', jsonl, '--draft', draftId, '--data', data]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('attached 1 files (0 already there)');
    expect(attachmentsOf('j1').files).toEqual([{ name: 'campaign.pdf', state: 'read', reason: null }]);

    const bad = join(docket, 'bad.jsonl');
    writeFileSync(bad, JSON.stringify({ id: 'j2', comment: 'x', attachments: 'files/campaign.pdf' }) + '\n');
    const refused = lifa(['comments', 'import', bad, '--draft', draftId, '--data', data]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `lifa: ${bad} line 1: "attachments" must be an array of file paths; nothing imported\n`,
    );
  });
});
