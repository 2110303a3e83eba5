// Comment clustering at the scale of DESIGN.md's budget: 100,000 public comments clustered in under
// 10 s on the project's 2-core machine, against the baseline of exact-duplicate hashing (normalise,
// fingerprint, group equal fingerprints) in the same run. Also prints clustering quality on the
// real corpus file.
//
// Run: node --import tsx bench/comments.bench.ts [COUNT]   (or `npm run bench comments`)
//
// The 100,000 comments are made from the corpus (test/fixtures/comments/cms-2022-0163.comments.jsonl)
// with a seeded PRNG, so every run clusters the same input:
//   30% the campaign letter: a random one of its corpus copies, mutated;
//   45% another corpus comment, mutated;
//   25% collages of 3–6 sentences from random corpus comments (mostly unlike anything else).
// Mutations: adjacent-word swaps, inserted and deleted words, a changed greeting, a new sign-off with
// a random name; a tenth of the copies are edited heavily (one word in twenty changed). Half the
// generated texts are HTML (`<br/>` paragraphs, encoded entities), half plain.
//
// Then the server's path, in a fresh SQLite database in a temp folder: importing the 100,000 comments
// (server/comments/import.ts, the code behind `lifa comments import`; baseline: one bare prepared
// INSERT per comment in one transaction into a table of the same shape), clustering them as stored
// (load, cluster, save; same baseline as above), and exporting the summary report in each format
// (server/clerk/summary.ts, the code behind `lifa summary`; baseline: reading every comment and
// writing id and text as CSV). Budgets: import < 20 s, clustering < 10 s, export < 5 s.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildOutline,
  clusterComments,
  csvRecord,
  dispositionKinds,
  fingerprintText,
  normalizeText,
  pairScores,
  summaryFormats,
} from '../core/index.ts';
import type { CommentText } from '../core/index.ts';
import { clusterDraft } from '../server/clerk/clustering.ts';
import { renderDraftSummary } from '../server/clerk/summary.ts';
import { importComments } from '../server/comments/import.ts';
import type { ImportedComment } from '../server/comments/import.ts';
import { docFromState } from '../server/document.ts';
import { createDraft } from '../server/drafts.ts';
import { clerkStorage } from '../server/storage/clerk.ts';
import { SqliteStorage } from '../server/storage/sqlite-storage.ts';
import { openStorage } from '../server/storage/storage.ts';
import { storedState } from '../server/sync/persistence.ts';
import { prng } from '../test/helpers/prng.ts';

interface CorpusRow {
  id: string;
  comment: string | null;
  withdrawn: boolean;
}

const fixtures = fileURLToPath(new URL('../test/fixtures/comments/', import.meta.url));
const corpus: CorpusRow[] = readFileSync(`${fixtures}cms-2022-0163.comments.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as CorpusRow);
const labels = JSON.parse(readFileSync(`${fixtures}cms-2022-0163.campaign.json`, 'utf8')) as {
  phrase: string;
  adapted: string[];
};
const count = Number(process.argv[2] ?? 100_000);

interface Generated {
  comments: CommentText[];
  campaign: Set<string>;
  // For every other generated comment: the corpus comment it is a copy of, or 'collage'.
  source: Map<string, string>;
}

function generate(n: number, seed: number): Generated {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const texts = corpus
    .filter((r) => !r.withdrawn && r.comment)
    .map((r) => ({ id: r.id, text: normalizeText(r.comment!) }));
  const isCampaign = (t: string): boolean => t.toLowerCase().includes(labels.phrase);
  const campaignTexts = texts.filter((t) => isCampaign(t.text)).map((t) => t.text);
  const others = texts.filter((t) => !isCampaign(t.text));
  const otherTexts = others.map((t) => t.text);
  const vocabulary = [...new Set(otherTexts.join(' ').split(/\s+/))].filter((w) => /^[a-z]{3,12}$/.test(w));
  const sentences = otherTexts.flatMap((t) => t.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 30);
  const first = ['Mary', 'John', 'Wei', 'Fatima', 'Carlos', 'Aiko', 'Olga', 'Samuel', 'Priya', 'Liam'];
  const last = ['Smith', 'Chen', 'Garcia', 'Okafor', 'Novak', 'Kim', 'Haddad', 'Jones', 'Rossi', 'Singh'];
  const greetings = [
    'Dear CMS,',
    'Hello,',
    'To whom it may concern:',
    'Dear Administrator,',
    'Dear Sir or Madam,',
  ];
  const closings = ['Sincerely,', 'Regards,', 'Thank you,', 'Best regards,', 'Respectfully,'];

  const mutate = (text: string): string => {
    const paragraphs = text.split('\n').map((p) => p.split(' '));
    const heavy = random() < 0.1;
    const words = paragraphs.reduce((sum, p) => sum + p.length, 0);
    const edits = heavy ? Math.ceil(words / 20) : Math.floor(random() * 8);
    for (let e = 0; e < edits; e++) {
      const p = pick(paragraphs);
      const i = Math.floor(random() * p.length);
      const op = random();
      if (op < 0.4 && i + 1 < p.length) [p[i], p[i + 1]] = [p[i + 1], p[i]];
      else if (op < 0.75) p.splice(i, 0, pick(vocabulary));
      else if (p.length > 1) p.splice(i, 1);
    }
    const lines = paragraphs.map((p) => p.join(' '));
    if (random() < 0.3) lines.unshift(pick(greetings));
    if (random() < 0.6) lines.push(`${pick(closings)}\n${pick(first)} ${pick(last)}`);
    return lines.join('\n\n');
  };
  const collage = (): string => {
    const parts: string[] = [];
    const k = 3 + Math.floor(random() * 4);
    for (let s = 0; s < k; s++) parts.push(pick(sentences));
    return parts.join(' ');
  };
  const asHtml = (text: string): string =>
    text
      .replace(/&/g, '&amp;')
      .replace(/'/g, '&#39;')
      .split('\n\n')
      .join('<br/><br/>')
      .replace(/\n/g, '<br/>');

  const comments: CommentText[] = [];
  const campaign = new Set<string>();
  const source = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const id = `g${String(i).padStart(6, '0')}`;
    const kind = random();
    let text: string;
    if (kind < 0.3) {
      text = mutate(pick(campaignTexts));
      campaign.add(id);
    } else if (kind < 0.75) {
      const base = pick(others);
      text = mutate(base.text);
      source.set(id, base.id);
    } else {
      text = collage();
      source.set(id, 'collage');
    }
    comments.push({ id, text: random() < 0.5 ? asHtml(text) : text });
  }
  return { comments, campaign, source };
}

function exactDuplicateGroups(comments: readonly CommentText[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const c of comments) {
    const key = fingerprintText(c.text ?? '');
    const group = groups.get(key);
    if (group) group.push(c.id);
    else groups.set(key, [c.id]);
  }
  return [...groups.values()];
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

async function timeAsync<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

// --- Scale -----------------------------------------------------------------------------------------
console.log(
  `machine: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} at start ` +
    '(other work on the machine slows both timed paths alike; compare the ratio)',
);
const generated = time(() => generate(count, 20221007));
const { comments, campaign, source } = generated.value;
const characters = comments.reduce((sum, c) => sum + (c.text?.length ?? 0), 0);
console.log(
  `generated ${count.toLocaleString('en')} comments (${(characters / 1e6).toFixed(0)} M characters, ` +
    `${campaign.size.toLocaleString('en')} campaign letters) in ${seconds(generated.ms)}`,
);

// Warm both paths up on a slice so the JIT has seen them before the timed runs.
exactDuplicateGroups(comments.slice(0, 5000));
clusterComments(comments.slice(0, 5000));

const runs = 3;
const exactTimes: number[] = [];
const clusterTimes: number[] = [];
let exactGroups: string[][] = [];
let clustering = clusterComments([]);
for (let r = 0; r < runs; r++) {
  const exact = time(() => exactDuplicateGroups(comments));
  exactTimes.push(exact.ms);
  exactGroups = exact.value;
  const clustered = time(() => clusterComments(comments));
  clusterTimes.push(clustered.ms);
  clustering = clustered.value;
}
const exactMs = median(exactTimes);
const clusterMs = median(clusterTimes);
console.log(
  `baseline: exact-duplicate hashing after normalisation: ${seconds(exactMs)} (runs: ${exactTimes.map(seconds).join(', ')})`,
);
console.log(
  `clustering (MinHash/LSH, verified, union-find):        ${seconds(clusterMs)} (runs: ${clusterTimes.map(seconds).join(', ')})`,
);
console.log(`ratio clustering / baseline: ${(clusterMs / exactMs).toFixed(2)}×`);
console.log(
  `budget: < 10 s for 100,000 comments: ${count === 100_000 ? (clusterMs < 10_000 ? 'met' : 'MISSED') : `n/a (ran ${count})`}`,
);
console.log(
  `groups: ${exactGroups.length.toLocaleString('en')} exact-duplicate groups, ` +
    `${clustering.clusters.length.toLocaleString('en')} clusters ` +
    `(${clustering.clusters.filter((c) => c.members.length === 1).length.toLocaleString('en')} singletons)`,
);
const largest = clustering.clusters[0];
const campaignInLargest = largest.members.filter((id) => campaign.has(id)).length;
const othersInLargest = largest.members.filter((id) => !campaign.has(id));
const adapted = new Set(labels.adapted);
const fromAdapted = othersInLargest.filter((id) => adapted.has(source.get(id)!)).length;
const collages = othersInLargest.filter((id) => source.get(id) === 'collage').length;
console.log(
  `generated campaign letters in the largest cluster: ${campaignInLargest.toLocaleString('en')} of ` +
    `${campaign.size.toLocaleString('en')}; other comments in it: ${othersInLargest.length} ` +
    `(${fromAdapted} copies of hand-checked adapted letters, ${collages} collages, ` +
    `${othersInLargest.length - fromAdapted - collages} other)`,
);
console.log(`heap used after clustering: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

// --- The server's path: import, stored clustering, summary export ------------------------------------
{
  const dir = mkdtempSync(join(tmpdir(), 'lifa-bench-comments-'));
  const storage = openStorage(dir);
  try {
    const articleCount = 60;
    const lawLines = ['Benchmark Regulations', 'Chapter I General Provisions'];
    for (let a = 1; a <= articleCount; a++)
      lawLines.push(`Article ${a} The text of article ${a} of the benchmark.`);
    const { draft } = await createDraft(new SqliteStorage(storage), { text: lawLines.join('\n') + '\n' });
    const store = new SqliteStorage(storage);
    const articles = buildOutline(docFromState(await storedState(store, draft.id)), draft.language).articles;
    const random = prng(7);
    const names = ['Mary', 'John', 'Wei', 'Fatima', 'Carlos', 'Aiko', 'Olga', 'Samuel', 'Priya', 'Liam'];
    const types = ['individual', 'individual', 'enterprise', 'association', 'expert', null] as const;
    // Campaign letters go to a few articles, the rest spread over all; a tenth are on the draft as a whole.
    const records: ImportedComment[] = comments.map((c, i) => ({
      line: i + 1,
      externalId: c.id,
      receivedAt: 1_700_000_000_000 + i * 1000,
      article:
        random() < 0.1
          ? null
          : String(campaign.has(c.id) ? 1 + (i % 3) : 1 + Math.floor(random() * articleCount)),
      name: `${names[i % names.length]} ${Math.floor(random() * 40_000)}`,
      contact: null,
      organization: null,
      submitterType: types[i % types.length],
      body: c.text ?? '',
      withdrawn: false,
      attachments: [],
      source: null,
    }));

    // Baseline: the same bodies through one bare prepared INSERT each, in one transaction.
    storage.db.exec(
      'CREATE TABLE bench_bare (id INTEGER PRIMARY KEY, draft_id TEXT, external_id TEXT, body TEXT)',
    );
    const bare = storage.db.prepare('INSERT INTO bench_bare (draft_id, external_id, body) VALUES (?, ?, ?)');
    const bareMs = time(() =>
      storage.transaction(() => {
        for (const r of records) bare.run(draft.id, r.externalId, r.body);
      }),
    ).ms;
    storage.db.exec('DROP TABLE bench_bare');
    const imported = await timeAsync(() => importComments(store, draft.id, records, articles));
    console.log(
      `\nimport of ${imported.value.added.toLocaleString('en')} comments (server/comments/import.ts): ${seconds(imported.ms)}; ` +
        `baseline, a bare prepared INSERT per comment in one transaction: ${seconds(bareMs)}; ` +
        `ratio ${(imported.ms / bareMs).toFixed(2)}×; budget < 20 s: ${count === 100_000 ? (imported.ms < 20_000 ? 'met' : 'MISSED') : 'n/a'}`,
    );

    const stored = await timeAsync(() => clusterDraft(store, draft.id));
    console.log(
      `clustering as stored (load, cluster, save ${stored.value.clustering.clusters.length.toLocaleString('en')} clusters): ` +
        `${seconds(stored.ms)}; baseline exact hashing ${seconds(exactMs)}; ratio ${(stored.ms / exactMs).toFixed(2)}×; ` +
        `budget < 10 s: ${count === 100_000 ? (stored.ms < 10_000 ? 'met' : 'MISSED') : 'n/a'}`,
    );

    // A clerk's work so far: the 200 largest clusters decided, and one comment in twenty on its own.
    const clerk = clerkStorage(storage);
    storage.transaction(() => {
      stored.value.clustering.clusters
        .slice(0, 200)
        .forEach((c, k) => clerk.dispositions.set(draft.id, 'cluster', c.id, decision(k), null));
      const ids = clerk.comments.texts(draft.id);
      for (let k = 0; k < ids.length; k += 20)
        clerk.dispositions.set(draft.id, 'comment', ids[k].id, decision(k), null);
    });

    const liveDoc = async () => docFromState(await storedState(store, draft.id));
    const dumpMs = time(() => {
      let out = '';
      for (const c of clerk.comments.all(draft.id)) out += csvRecord([c.id, c.body]);
      return out.length;
    }).ms;
    // The whole export: rendered, and the streamed CSV register written chunk by chunk to a file, as
    // `lifa summary --out` does (the server sends the same chunks to the client).
    const out = join(dir, 'summary.out');
    const exportOnce = async (format: (typeof summaryFormats)[number]) => {
      const { data } = await renderDraftSummary(store, draft, format, { liveDoc });
      if (typeof data === 'string' || data instanceof Uint8Array) {
        writeFileSync(out, data);
        return typeof data === 'string' ? data.length : data.byteLength;
      }
      const fd = openSync(out, 'w');
      let size = 0;
      for await (const chunk of data) {
        writeSync(fd, chunk);
        size += chunk.length;
      }
      closeSync(fd);
      return size;
    };
    for (const format of summaryFormats) {
      // Twice; the faster run counts (the first also warms up the renderer).
      const first = await timeAsync(() => exportOnce(format));
      const second = await timeAsync(() => exportOnce(format));
      const ms = Math.min(first.ms, second.ms);
      const size = second.value;
      console.log(
        `summary export ${format.padEnd(4)} (${(size / 1e6).toFixed(1)} MB): ${seconds(ms)}; baseline, every comment read and ` +
          `written as CSV (id, text): ${seconds(dumpMs)}; ratio ${(ms / dumpMs).toFixed(2)}×; budget < 5 s: ` +
          `${count === 100_000 ? (ms < 5000 ? 'met' : 'MISSED') : 'n/a'}`,
      );
    }
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function decision(k: number) {
  return {
    kind: dispositionKinds[k % dispositionKinds.length],
    reason: `Reason ${k % 7}: the drafting team considered this point.`,
    templateId: null,
    linkedArticleId: null,
    linkedVersionId: null,
  };
}

// --- Quality on the real corpus ------------------------------------------------------------------
const rows = corpus.map((r) => ({ id: r.id, text: r.comment, withdrawn: r.withdrawn }));
const live = rows.filter((r) => !r.withdrawn);
const corpusClustering = clusterComments(rows);
const predicted = corpusClustering.clusters.map((c) => c.members);
const predictedText = corpusClustering.clusters.filter((c) => c.kind === 'text').map((c) => c.members);
const stubIds = new Set(corpusClustering.clusters.filter((c) => c.kind === 'stub').flatMap((c) => c.members));
const exactCorpus = exactDuplicateGroups(live);
const labelled = new Set([
  ...live
    .filter((r) =>
      normalizeText(r.text ?? '')
        .toLowerCase()
        .includes(labels.phrase),
    )
    .map((r) => r.id),
  ...labels.adapted,
]);
const campaignTruth = [[...labelled], ...live.filter((r) => !labelled.has(r.id)).map((r) => [r.id])];
const show = (name: string, s: ReturnType<typeof pairScores>): void =>
  console.log(
    `  ${name}: precision ${percent(s.precision)} (${s.truePairs}/${s.predictedPairs} pairs), ` +
      `recall ${percent(s.recall)} (${s.truePairs}/${s.referencePairs} pairs)`,
  );
console.log(
  `\ncorpus: ${live.length} comments (1 withdrawn left out), ${corpusClustering.clusters.length} clusters`,
);
console.log('pairwise, against exact-duplicate groups after normalisation:');
show('all clusters  ', pairScores(predicted, exactCorpus));
show(
  'stubs left out',
  pairScores(
    predictedText,
    exactCorpus.filter((g) => !stubIds.has(g[0])),
  ),
);
console.log(
  `pairwise, against the hand-checked campaign labelling (${labelled.size} letters, the rest singletons):`,
);
const campaignCluster = corpusClustering.clusters.find((c) => c.members.some((id) => labelled.has(id)))!;
const inCampaignCluster = new Set(campaignCluster.members);
show(
  'the campaign cluster',
  pairScores(
    [campaignCluster.members, ...live.filter((r) => !inCampaignCluster.has(r.id)).map((r) => [r.id])],
    campaignTruth,
  ),
);
