// Attachments: extraction throughput and clustering with attachment text.
//
// Run: node --import tsx bench/attachments.bench.ts [FILES] [COMMENTS]   (or `npm run bench attachments`)
//
// 1. Extraction: a generated docket of 1,000 mixed attachments (test/helpers/attachment-files.ts:
//    campaign letters and distinct letters as PDF of 1–4 pages, DOCX, ODT and GB18030 text, broken
//    files, images), written to a temp folder, then read back and extracted by the server's reader
//    pool (one reader process, its time and memory limits on) — pages per second and MB/s — against
//    the baseline of reading the same files' bytes from disk in the same run. Budget: ≥ 20 pages/s.
// 2. Clustering: 100,000 comments in SQLite of which 25% are cover notes ("See attached file(s)")
//    whose text is in an attachment (campaign letters share one file, as the store deduplicates
//    them), clustered through the server's path (server/clerk/clustering.ts: read, cluster, save),
//    against the same 100,000 texts as the comments' own bodies in the same run. Budget: < 10 s.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterDraft } from '../server/clerk/clustering.ts';
import { importComments } from '../server/comments/import.ts';
import type { ImportedComment } from '../server/comments/import.ts';
import { ExtractionPool } from '../server/attachments/extraction-pool.ts';
import { detectType } from '../server/attachments/detect.ts';
import { sha256Hex } from '../server/attachments/blob-store.ts';
import { createDraft } from '../server/drafts.ts';
import { SqliteStorage } from '../server/storage/sqlite-storage.ts';
import { openStorage } from '../server/storage/storage.ts';
import { campaignLetter, distinctLetter, docket } from '../test/helpers/attachment-files.ts';
import { prng } from '../test/helpers/prng.ts';

const fileCount = Number(process.argv[2] ?? 1000);
const commentCount = Number(process.argv[3] ?? 100_000);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

console.log(`machine: ${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`);
const scratch = mkdtempSync(join(tmpdir(), 'lifa-bench-attachments-'));
try {
  // --- 1. extraction -------------------------------------------------------------------------
  let t = performance.now();
  const files = await docket(fileCount);
  console.log(`docket: ${files.length} files generated in ${seconds(performance.now() - t)} s`);
  const paths = files.map((f, i) => {
    const path = join(scratch, `${String(i).padStart(5, '0')}-${f.name}`);
    writeFileSync(path, f.bytes);
    return path;
  });
  const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const mb = bytes / 1e6;

  t = performance.now();
  let checksum = 0;
  for (const path of paths) checksum ^= readFileSync(path)[0] ?? 0;
  const readMs = performance.now() - t;

  const pool = new ExtractionPool();
  await pool.extract(new TextEncoder().encode('warm up'), 'txt');
  t = performance.now();
  let pages = 0;
  let read = 0;
  let unreadable = 0;
  let images = 0;
  for (const path of paths) {
    const data = readFileSync(path);
    const detected = detectType(data);
    if (!detected.ok) {
      unreadable++;
      continue;
    }
    if (detected.value.type === 'image') {
      images++;
      continue;
    }
    const result = await pool.extract(data, detected.value.type);
    if (result.ok) {
      read++;
      pages += result.pages ?? 1;
    } else unreadable++;
  }
  const extractMs = performance.now() - t;
  await pool.close();
  const expectedPages = files.reduce((sum, f) => sum + f.pages, 0);
  console.log(
    `extraction: ${files.length} files, ${mb.toFixed(1)} MB, ${pages} pages (generated ${expectedPages}); ` +
      `${read} read, ${unreadable} unreadable, ${images} images not read`,
  );
  console.log(
    `  baseline, reading the bytes: ${seconds(readMs)} s, ${(mb / (readMs / 1000)).toFixed(1)} MB/s (x${checksum})`,
  );
  const pagesPerSecond = pages / (extractMs / 1000);
  console.log(
    `  extracting (1 reader process): ${seconds(extractMs)} s, ${pagesPerSecond.toFixed(1)} pages/s, ` +
      `${(mb / (extractMs / 1000)).toFixed(2)} MB/s; ratio to reading ${(extractMs / readMs).toFixed(0)}x; ` +
      `budget ≥ 20 pages/s: ${pagesPerSecond >= 20 ? 'met' : 'MISSED'}`,
  );

  // --- 2. clustering ------------------------------------------------------------------------
  const random = prng(23);
  const names = ['Mary', 'John', 'Wei', 'Fatima', 'Carlos', 'Aiko', 'Olga', 'Samuel', 'Priya', 'Liam'];
  // 30% the campaign letter signed by someone, 70% distinct letters.
  const texts = Array.from({ length: commentCount }, (_, i) =>
    random() < 0.3
      ? `${campaignLetter.join('\n')}\nSigned, ${names[i % names.length]} ${Math.floor(random() * 50_000)}`
      : distinctLetter(i, random).join('\n'),
  );
  const attached = texts.map(() => random() < 0.25);
  const law = ['Benchmark Regulations', 'Chapter I General Provisions']
    .concat(Array.from({ length: 60 }, (_, a) => `Article ${a + 1} The text of article ${a + 1}.`))
    .join('\n');

  const run = async (withAttachments: boolean) => {
    const storage = openStorage(join(scratch, withAttachments ? 'with' : 'without'));
    try {
      const { draft } = await createDraft(new SqliteStorage(storage), { text: law + '\n' });
      const records: ImportedComment[] = texts.map((text, i) => ({
        line: i + 1,
        externalId: `b${i}`,
        receivedAt: 1_700_000_000_000 + i,
        article: null,
        name: `${names[i % names.length]} ${i}`,
        contact: null,
        organization: null,
        submitterType: null,
        body: withAttachments && attached[i] ? 'See attached file(s)' : text,
        withdrawn: false,
        attachments: [],
        source: null,
      }));
      const store = new SqliteStorage(storage);
      await importComments(store, draft.id, records, []);
      if (withAttachments) {
        storage.transaction(() => {
          for (let i = 0; i < texts.length; i++) {
            if (!attached[i]) continue;
            // The campaign letter without its signature is one file for every campaigner.
            const letter = texts[i].startsWith(campaignLetter[0]) ? campaignLetter.join('\n') : texts[i];
            const sha256 = sha256Hex(new TextEncoder().encode(letter));
            if (!storage.attachments.file(sha256)) {
              storage.attachments.addFile({
                sha256,
                size: letter.length,
                type: 'txt',
                mediaType: 'text/plain',
              });
              storage.attachments.setResult(sha256, { state: 'read', text: letter });
            }
            storage.attachments.link(storage.comments.byExternalId(draft.id, `b${i}`)!, draft.id, [
              { sha256, fileName: 'letter.txt' },
            ]);
          }
        });
      }
      const start = performance.now();
      const result = await clusterDraft(store, draft.id);
      const ms = performance.now() - start;
      const many = result.clustering.clusters.filter((c) => c.members.length > 1);
      return { ms, clusters: result.clustering.clusters.length, largest: many[0]?.members.length ?? 0 };
    } finally {
      storage.close();
    }
  };
  const without = await run(false);
  const withFiles = await run(true);
  console.log(
    `clustering ${commentCount.toLocaleString('en')} comments (${attached.filter(Boolean).length.toLocaleString('en')} with their text in an attachment):`,
  );
  console.log(
    `  baseline, texts in the bodies: ${seconds(without.ms)} s, ${without.clusters} clusters, largest ${without.largest}`,
  );
  console.log(
    `  texts in attachments: ${seconds(withFiles.ms)} s, ${withFiles.clusters} clusters, largest ${withFiles.largest}; ` +
      `ratio ${(withFiles.ms / without.ms).toFixed(2)}x; budget < 10 s: ${withFiles.ms < 10_000 ? 'met' : 'MISSED'}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
