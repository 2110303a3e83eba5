import { describe, expect, it } from 'vitest';
import {
  clusterAssignments,
  clusterComments,
  clustersJson,
  decisionFromJSON,
  mergeClusters,
  moveOut,
  pairScores,
  splitCluster,
} from '../../core/index.ts';
import type { Cluster, ClusterDecision, Clustering, CommentText } from '../../core/index.ts';

const letter =
  'I am writing about the draft regulation on personal information protection. Article 12 requires operators ' +
  'to obtain separate consent before sharing data with third parties, but it does not define what separate ' +
  'consent means in practice. Small businesses will not know whether a checkbox in the privacy policy is ' +
  'enough. I urge the drafters to add a definition of separate consent and to give examples of acceptable ' +
  'forms. Without this change the article will be applied inconsistently across the country and users will ' +
  'not be better protected.';

const yijian =
  '第十二条规定网络运营者在向第三方提供个人信息前应当取得个人的单独同意，但没有说明单独同意的具体形式。' +
  '建议在本条增加一款，明确单独同意应当以显著方式单独告知并取得书面或者电子形式的确认，不得与其他条款一并勾选。' +
  '否则中小企业难以遵守，个人权益也得不到有效保护。';

// Copies of the English letter (e…) and the Chinese comment (z…), unrelated comments (u…, y…), stubs
// (s…) and a withdrawn comment.
const comments: CommentText[] = [
  { id: 'e1', text: `Dear drafting committee,\n\n${letter}\n\nSincerely,\nMary Smith` },
  {
    id: 'e2',
    text: `${letter.replace('obtain separate consent', 'separate obtain consent')}\n\nRegards, John Chen`,
  },
  { id: 'e3', text: letter.replace('protection.', 'protection. I run a small bakery in Ningbo.') },
  { id: 'e4', text: letter.replace('I urge', 'I ask').replace(' in practice', '') },
  {
    id: 'e5',
    text: `Hello,<br/><br/>${letter.replace('third parties', 'third parties &amp; partners')}<br/>Thank you!`,
  },
  {
    id: 'u1',
    text: 'The draft should lower the fine in Article 40 for first offences by individuals, since the current amount is out of proportion to the harm.',
  },
  {
    id: 'u2',
    text: 'Please extend the comment period by thirty days; the draft was published during the holiday and many associations could not meet in time.',
  },
  { id: 'z1', text: `尊敬的起草组：\n您好！\n${yijian}\n此致\n敬礼！\n王芳` },
  { id: 'z2', text: yijian.replace('建议', '希望').replace('中小企业', '小微企业') },
  { id: 'z3', text: `我是一家电商公司的法务人员。${yijian}` },
  {
    id: 'y1',
    text: '第四十条规定的罚款数额过高，对于初次违法且情节轻微的个人，建议降低罚款下限或者规定可以免予处罚。',
  },
  { id: 'y2', text: '建议延长征求意见期限三十日，因为草案发布正值节假日，许多行业协会来不及组织讨论。' },
  { id: 's1', text: 'See attached file(s)' },
  { id: 's2', text: 'Please see attached.' },
  { id: 's3', text: '详见附件。' },
  { id: 's4', text: '' },
  { id: 's5', text: null },
  { id: 'w1', text: null, withdrawn: true },
];

// Deterministic made-up prose: `count` words from a small vocabulary, numbered so that shingles
// rarely repeat.
const prose = (seed: number, count: number): string => {
  const vocabulary = 'data record clinic rural consent provider access privacy registry county'.split(' ');
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return `${vocabulary[x % vocabulary.length]}${(x >>> 8) % 97}`;
  }).join(' ');
};

const clusterOf = (result: Clustering, id: string): Cluster => {
  const found = result.clusters.find((c) => c.members.includes(id));
  if (!found) throw new Error(`${id} is in no cluster`);
  return found;
};
const groups = (result: Clustering): string[][] => result.clusters.map((c) => [...c.members]);

describe('clusterComments', () => {
  const result = clusterComments(comments);

  it('groups the copies of an English form letter, whatever their greeting, sign-off and small edits', () => {
    expect(clusterOf(result, 'e1').members).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });

  it('groups the copies of a Chinese comment by character shingles', () => {
    expect(clusterOf(result, 'z1').members).toEqual(['z1', 'z2', 'z3']);
  });

  it('leaves unrelated comments as singletons', () => {
    for (const id of ['u1', 'u2', 'y1', 'y2']) expect(clusterOf(result, id).members).toEqual([id]);
  });

  it('puts stubs and empty comments in a stub cluster of their own', () => {
    const stubs = clusterOf(result, 's1');
    expect(stubs.kind).toBe('stub');
    expect(stubs.members).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(clusterOf(result, 'e1').kind).toBe('text');
  });

  it('never joins a stub with a comment of substance', () => {
    const withText = clusterComments([
      ...comments,
      { id: 'e6', text: `See attached file(s). ${letter}` },
      { id: 's6', text: 'See attached file(s)' },
    ]);
    expect(clusterOf(withText, 'e6').members).toContain('e1');
    expect(clusterOf(withText, 's6').members).not.toContain('e6');
  });

  it('leaves withdrawn comments out of every cluster', () => {
    expect(result.withdrawn).toEqual(['w1']);
    expect(result.clusters.flatMap((c) => c.members)).not.toContain('w1');
    expect(result.clusters.flatMap((c) => c.members).length).toBe(comments.length - 1);
  });

  it('lists clusters largest first, then by id, members in id order', () => {
    expect(result.clusters.map((c) => c.id)).toEqual(['e1', 's1', 'z1', 'u1', 'u2', 'y1', 'y2']);
  });

  it('names a cluster after its smallest member id', () => {
    for (const c of result.clusters) expect(c.id).toBe(c.members[0]);
  });

  it('picks a representative from among the members', () => {
    for (const c of result.clusters) expect(c.members).toContain(c.representative);
    expect(clusterOf(result, 's1').representative).toBe('s1');
  });

  it('gives the same result for the same comments in any order', () => {
    const shuffled = [...comments].reverse();
    shuffled.push(shuffled.shift()!);
    expect(clusterComments(shuffled)).toEqual(result);
    expect(clusterComments(comments)).toEqual(result);
  });

  it('rejects duplicate and empty ids and options out of range', () => {
    expect(() => clusterComments([...comments, { id: 'e1', text: 'again' }])).toThrow(RangeError);
    expect(() => clusterComments([{ id: '', text: 'x' }])).toThrow(RangeError);
    expect(() => clusterComments(comments, { threshold: 0 })).toThrow(RangeError);
    expect(() => clusterComments(comments, { containment: 1.5 })).toThrow(RangeError);
  });

  it('joins a form letter with a long paragraph of its sender added, by containment', () => {
    const own = Array.from(
      { length: 12 },
      (_, i) =>
        `In shop number ${i + 1} we keep ${i + 3} kinds of customer records for ${i + 2} years at most.`,
    ).join(' ');
    const pair = [
      { id: 'a', text: letter },
      { id: 'b', text: `${own}\n\n${letter}` },
    ];
    // 64 bands of 2 rows make the pair (Jaccard similarity about 0.3) a candidate for certain, so
    // only the verification rule decides.
    expect(clusterComments(pair, { bands: 64, containment: 1 }).clusters.length).toBe(2);
    expect(clusterComments(pair, { bands: 64 }).clusters.length).toBe(1);
  });

  it('does not let a passage quoted in two unrelated clusters join them', () => {
    const passage = prose(1, 60);
    const a = prose(2, 150);
    const b = prose(3, 150);
    const texts = [
      { id: 'a1', text: `${passage} ${a}` },
      { id: 'a2', text: `${passage} ${a} thanks to all` },
      { id: 'a3', text: `${passage} ${a} and more` },
      { id: 'b1', text: `${b} ${passage}` },
      { id: 'b2', text: `${b} ${passage} yes indeed` },
      { id: 'b3', text: `${b} ${passage} again` },
      { id: 'x', text: passage },
    ];
    const result = clusterComments(texts, { bands: 64 });
    expect(clusterOf(result, 'a1').members).toEqual(expect.arrayContaining(['a1', 'a2', 'a3']));
    expect(clusterOf(result, 'b1').members).toEqual(expect.arrayContaining(['b1', 'b2', 'b3']));
    expect(clusterOf(result, 'a1')).not.toBe(clusterOf(result, 'b1'));
    // The passage alone is attached to one of them.
    expect(clusterOf(result, 'x').members.length).toBe(4);
  });

  it('does not chain containment: a cluster that joins another is no target itself', () => {
    const passage = prose(11, 60);
    const own = prose(12, 150);
    const other = prose(13, 150);
    const copies = (prefix: string, count: number, text: string): CommentText[] =>
      Array.from({ length: count }, (_, k) => ({
        id: `${prefix}${k}`,
        text: `${text}${' again'.repeat(k)}`,
      }));
    const texts = [
      ...copies('l', 5, `${passage} ${own}`),
      ...copies('p', 3, passage),
      ...copies('r', 2, `${other} ${passage}`),
    ];
    const result = clusterComments(texts, { bands: 64 });
    // The copies of the passage join the larger cluster that contains it ...
    expect(clusterOf(result, 'p0').members).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'p0', 'p1', 'p2']);
    // ... and the other text quoting the passage does not follow them there.
    expect(clusterOf(result, 'r0').members).toEqual(['r0', 'r1']);
  });

  it('does not let a comment holding two letters in full join their clusters', () => {
    const other = `The comment period is too short. ${'Associations need time to consult their members before they can answer. '.repeat(1)}We ask for thirty more days, because the draft touches every clinic, every registry and every county office in the country, and none of them was consulted while it was written.`;
    const texts = [
      ...['a1', 'a2', 'a3'].map((id, k) => ({ id, text: `${letter}${' Yes.'.repeat(k)}` })),
      ...['b1', 'b2', 'b3'].map((id, k) => ({ id, text: `${other}${' Indeed.'.repeat(k)}` })),
      { id: 'x', text: `${letter}\n\n${other}` },
    ];
    const result = clusterComments(texts, { bands: 64 });
    expect(clusterOf(result, 'a1')).not.toBe(clusterOf(result, 'b1'));
    expect(clusterOf(result, 'x').members.length).toBe(4);
  });

  it('joins copies of a letter cut short to the letter', () => {
    const long = `${letter} ${Array.from({ length: 8 }, (_, i) => `Point ${i + 1}: the draft must say who keeps record ${i + 1} and for how long.`).join(' ')}`;
    const cut = letter;
    const texts = [
      ...['l1', 'l2', 'l3'].map((id, k) => ({ id, text: `${long}${' Yes.'.repeat(k)}` })),
      ...['c1', 'c2'].map((id, k) => ({ id, text: `${cut}${' Indeed.'.repeat(k)}` })),
    ];
    const result = clusterComments(texts, { bands: 64 });
    expect(result.clusters.map((c) => c.members)).toEqual([['c1', 'c2', 'l1', 'l2', 'l3']]);
  });

  it('does not join a short comment to a long one that quotes it', () => {
    const quoted = 'Patients have the right to know the sex of their chosen providers.';
    const pair = [
      { id: 'a', text: quoted },
      { id: 'b', text: `${letter} ${quoted}` },
    ];
    expect(clusterComments(pair, { bands: 64 }).clusters.length).toBe(2);
  });

  it('handles no comments at all', () => {
    expect(clusterComments([])).toEqual({ clusters: [], withdrawn: [] });
  });
});

describe('manual decisions', () => {
  const first = clusterComments(comments);
  const letters = clusterOf(first, 'e1');

  it('keeps two clusters merged by the clerk together', () => {
    const decisions = [mergeClusters(letters, clusterOf(first, 'u1'))];
    const result = clusterComments(comments, { decisions });
    expect(clusterOf(result, 'u1').members).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'u1']);
  });

  it('keeps a comment the clerk moved out of a cluster out of it', () => {
    const decisions = [moveOut(letters, 'e3')];
    const result = clusterComments(comments, { decisions });
    expect(clusterOf(result, 'e3').members).toEqual(['e3']);
    expect(clusterOf(result, 'e1').members).toEqual(['e1', 'e2', 'e4', 'e5']);
  });

  it('keeps a comment the clerk left alone in a cluster of its own', () => {
    const result = clusterComments(comments, { decisions: [{ kind: 'alone', id: 'z2' }] });
    expect(clusterOf(result, 'z2').members).toEqual(['z2']);
    expect(clusterOf(result, 'z1').members).toEqual(['z1', 'z3']);
  });

  it('keeps a split cluster split in the two parts the clerk chose', () => {
    const decisions = splitCluster(letters, ['e4', 'e5']);
    const result = clusterComments(comments, { decisions });
    expect(clusterOf(result, 'e4').members).toEqual(['e4', 'e5']);
    expect(clusterOf(result, 'e1').members).toEqual(['e1', 'e2', 'e3']);
  });

  it('keeps decisions when new comments arrive and clustering runs again', () => {
    const decisions = [moveOut(letters, 'e3'), mergeClusters(clusterOf(first, 'y1'), clusterOf(first, 'y2'))];
    const more = [
      ...comments,
      { id: 'e7', text: `${letter} I agree with the association of bakers.` },
      { id: 'e0', text: letter.replace('small businesses', 'small firms') },
    ];
    const result = clusterComments(more, { decisions, previous: clusterAssignments(first) });
    expect(clusterOf(result, 'e3').members).toEqual(['e3']);
    expect(clusterOf(result, 'e1').members).toEqual(['e0', 'e1', 'e2', 'e4', 'e5', 'e7']);
    // e0 is now the smallest member, but the cluster keeps the id it had.
    expect(clusterOf(result, 'e1').id).toBe('e1');
    expect(clusterOf(result, 'y1').members).toEqual(['y1', 'y2']);
  });

  it('lets a newer decision override an older one', () => {
    const moved = [moveOut(letters, 'e3')];
    const back: ClusterDecision[] = [...moved, { kind: 'together', ids: ['e3', 'e1'] }];
    expect(clusterOf(clusterComments(comments, { decisions: back }), 'e3').members).toEqual([
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
    ]);
    const aloneThenBack: ClusterDecision[] = [
      { kind: 'alone', id: 'e2' },
      { kind: 'together', ids: ['e2'] },
    ];
    expect(clusterOf(clusterComments(comments, { decisions: aloneThenBack }), 'e2').members).toContain('e1');
    const togetherThenApart: ClusterDecision[] = [
      { kind: 'together', ids: ['u1', 'u2'] },
      { kind: 'apart', ids: ['u2'], from: ['u1'] },
    ];
    expect(clusterOf(clusterComments(comments, { decisions: togetherThenApart }), 'u1').members).toEqual([
      'u1',
    ]);
  });

  it('keeps a pinned group whole against an older apart that it contradicts', () => {
    const decisions: ClusterDecision[] = [
      { kind: 'together', ids: ['u1', 'y1'] },
      { kind: 'together', ids: ['u2', 'y2'] },
      { kind: 'apart', ids: ['u1'], from: ['u2'] },
      { kind: 'together', ids: ['y1', 'y2'] },
    ];
    const result = clusterComments(comments, { decisions });
    expect(clusterOf(result, 'u1').members).toEqual(['u1', 'u2', 'y1', 'y2']);
  });

  it('ignores decisions about comments that are not there', () => {
    const decisions: ClusterDecision[] = [
      { kind: 'together', ids: ['gone', 'u1'] },
      { kind: 'apart', ids: ['e1'], from: ['gone'] },
      { kind: 'alone', id: 'w1' },
    ];
    expect(groups(clusterComments(comments, { decisions }))).toEqual(groups(first));
  });

  it('lets the clerk take a stub out of the stub cluster and put it with a text', () => {
    const stubs = clusterOf(first, 's1');
    const decisions: ClusterDecision[] = [moveOut(stubs, 's2'), { kind: 'together', ids: ['s2', 'u1'] }];
    const result = clusterComments(comments, { decisions });
    expect(clusterOf(result, 's2').members).toEqual(['s2', 'u1']);
    expect(clusterOf(result, 's1').members).toEqual(['s1', 's3', 's4', 's5']);
  });

  it('builds decisions only from members of the cluster', () => {
    expect(() => moveOut(letters, 'u1')).toThrow(RangeError);
    expect(() => splitCluster(letters, ['u1'])).toThrow(RangeError);
    expect(() => splitCluster(letters, letters.members)).toThrow(RangeError);
    expect(() => splitCluster(letters, [])).toThrow(RangeError);
  });
});

describe('decisionFromJSON', () => {
  it('reads back what was stored', () => {
    const decisions: ClusterDecision[] = [
      { kind: 'together', ids: ['a', 'b'] },
      { kind: 'apart', ids: ['a'], from: ['b', 'c'] },
      { kind: 'alone', id: 'a' },
    ];
    for (const d of decisions) expect(decisionFromJSON(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it('drops unknown fields', () => {
    expect(decisionFromJSON({ kind: 'alone', id: 'a', by: 'clerk' })).toEqual({ kind: 'alone', id: 'a' });
  });

  it('rejects malformed decisions with a TypeError', () => {
    for (const bad of [
      null,
      'together',
      { kind: 'merge', ids: ['a'] },
      { kind: 'together', ids: [] },
      { kind: 'together', ids: [1] },
      { kind: 'apart', ids: ['a'] },
      { kind: 'alone' },
    ]) {
      expect(() => decisionFromJSON(bad), JSON.stringify(bad)).toThrow(TypeError);
    }
  });
});

describe('stable cluster ids', () => {
  const first = clusterComments(comments);
  const previous = clusterAssignments(first);

  it('gives every clustered comment one assignment row', () => {
    expect(previous.length).toBe(comments.length - 1);
    expect(previous).toContainEqual({ commentId: 'e3', clusterId: 'e1' });
  });

  it('keeps every id when nothing changed', () => {
    const again = clusterComments(comments, { previous });
    expect(again.clusters.map((c) => c.id)).toEqual(first.clusters.map((c) => c.id));
    for (const c of again.clusters) expect(c.previousIds).toEqual([c.id]);
  });

  it('keeps a cluster its id when the member it was named after leaves', () => {
    const decisions = [moveOut(clusterOf(first, 'e1'), 'e1')];
    const again = clusterComments(comments, { decisions, previous });
    expect(clusterOf(again, 'e2').id).toBe('e1');
    // e1 alone now: its own id is taken by its old cluster, so it gets a fresh one.
    expect(clusterOf(again, 'e1').id).toBe('e1~2');
  });

  it('gives the cluster sharing most members the old id when a cluster splits', () => {
    const decisions = splitCluster(clusterOf(first, 'e1'), ['e1', 'e2']);
    const again = clusterComments(comments, { decisions, previous });
    expect(clusterOf(again, 'e3').id).toBe('e1');
    expect(clusterOf(again, 'e1').id).toBe('e2');
    expect(clusterOf(again, 'e1').previousIds).toEqual(['e1']);
  });

  it('gives a merged cluster the id of the larger part and lists both', () => {
    const decisions = [mergeClusters(clusterOf(first, 'e1'), clusterOf(first, 'z1'))];
    const merged = clusterOf(clusterComments(comments, { decisions, previous }), 'z1');
    expect(merged.id).toBe('e1');
    expect(merged.previousIds).toEqual(['e1', 'z1']);
  });
});

describe('clustersJson', () => {
  const rows = comments.map((c) => ({
    id: c.id,
    externalId: c.id.startsWith('e') ? `EXT-${c.id}` : null,
    text: c.text,
  }));
  const result = clusterComments(comments);

  it('has exactly the shape the CLI prints', () => {
    const json = clustersJson(result, rows);
    expect(Object.keys(json)).toEqual(['clusters']);
    for (const c of json.clusters) {
      expect(Object.keys(c)).toEqual(['id', 'size', 'representative', 'members']);
      for (const m of c.members) expect(Object.keys(m)).toEqual(['id', 'externalId']);
    }
    expect(json.clusters[0]).toMatchObject({
      id: 'e1',
      size: 5,
      members: [
        { id: 'e1', externalId: 'EXT-e1' },
        { id: 'e2', externalId: 'EXT-e2' },
        { id: 'e3', externalId: 'EXT-e3' },
        { id: 'e4', externalId: 'EXT-e4' },
        { id: 'e5', externalId: 'EXT-e5' },
      ],
    });
    expect(json.clusters.map((c) => c.size)).toEqual([5, 5, 3, 1, 1, 1, 1]);
  });

  it('gives the representative as plain text', () => {
    const json = clustersJson(result, rows);
    const representative = clusterOf(result, 'e1').representative;
    expect(json.clusters[0].representative).toContain('separate consent');
    expect(json.clusters[0].representative).not.toMatch(/<br|&amp;/);
    expect(representative).toMatch(/^e[1-5]$/);
    expect(json.clusters[1].representative).toBe('See attached file(s)');
  });

  it('survives a JSON round trip unchanged', () => {
    const json = clustersJson(result, rows);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('throws when a clustered comment has no row', () => {
    expect(() => clustersJson(result, rows.slice(1))).toThrow(RangeError);
  });
});

describe('pairScores', () => {
  it('counts pairs shared with the reference', () => {
    const scores = pairScores(
      [['a', 'b', 'c'], ['d']],
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    );
    expect(scores).toEqual({
      truePairs: 1,
      predictedPairs: 3,
      referencePairs: 2,
      precision: 1 / 3,
      recall: 1 / 2,
    });
  });

  it('scores 1 when there is nothing to count', () => {
    expect(pairScores([['a']], [['a']])).toMatchObject({ precision: 1, recall: 1 });
  });

  it('rejects an id in two groups', () => {
    expect(() => pairScores([['a'], ['a']], [['a']])).toThrow(RangeError);
  });
});
