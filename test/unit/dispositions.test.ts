import { describe, expect, it } from 'vitest';
import {
  carriedDispositions,
  countDispositions,
  dispositionKinds,
  dispositionLabel,
  effectiveDispositions,
  isDispositionKind,
} from '../../core/index.ts';
import type { Disposition, DispositionKind } from '../../core/index.ts';

const decided = (
  target: 'comment' | 'cluster',
  targetId: string,
  kind: DispositionKind,
  reason = '',
): Disposition => ({
  target,
  targetId,
  kind,
  reason,
  templateId: null,
  linkedArticleId: null,
  linkedVersionId: null,
  decidedBy: 'clerk',
  decidedAt: 1,
});

describe('dispositions', () => {
  it('names the five kinds as published reports do, in both languages', () => {
    expect(dispositionKinds.map((k) => dispositionLabel(k, 'zh'))).toEqual([
      '采纳',
      '部分采纳',
      '不予采纳',
      '已知悉',
      '不属于本次征求范围',
    ]);
    expect(dispositionLabel('partly-adopted', 'en')).toBe('Partly adopted');
    expect(isDispositionKind('noted')).toBe(true);
    expect(isDispositionKind('rejected')).toBe(false);
  });

  it("applies a cluster's disposition to every member without one of its own", () => {
    const clusters = [
      { id: 'c1', members: ['1', '2', '3'] },
      { id: '4', members: ['4'] },
    ];
    const effective = effectiveDispositions(clusters, [
      decided('cluster', 'c1', 'not-adopted', 'Out of the law’s purpose'),
      decided('comment', '2', 'adopted', 'Accepted'),
    ]);
    expect(effective.get('1')).toMatchObject({ kind: 'not-adopted', source: 'cluster' });
    expect(effective.get('2')).toMatchObject({ kind: 'adopted', source: 'comment' });
    expect(effective.has('4')).toBe(false);
    expect(countDispositions(['1', '2', '3', '4'], effective)).toEqual({
      adopted: 1,
      'partly-adopted': 0,
      'not-adopted': 2,
      noted: 0,
      'out-of-scope': 0,
      pending: 1,
    });
  });

  it('ignores dispositions naming unknown targets, the later of two for one target winning', () => {
    const effective = effectiveDispositions(
      [{ id: 'c', members: ['1'] }],
      [
        decided('comment', '1', 'noted'),
        decided('comment', '1', 'adopted'),
        decided('comment', '9', 'noted'),
      ],
    );
    expect([...effective.keys()]).toEqual(['1']);
    expect(effective.get('1')!.kind).toBe('adopted');
  });

  it('carries a cluster disposition over to members that leave the cluster', () => {
    const previous = ['1', '2', '3', '4'].map((commentId) => ({ commentId, clusterId: 'A' }));
    previous.push({ commentId: '5', clusterId: 'B' });
    // 3 moved out (alone now), 4 has its own decision, 5 merged from B into A.
    const clusters = [
      { id: 'A', members: ['1', '2', '4', '5'] },
      { id: '3', members: ['3'] },
    ];
    const dispositions = [
      decided('cluster', 'A', 'adopted', 'yes'),
      decided('cluster', 'B', 'not-adopted', 'no'),
      decided('comment', '4', 'noted'),
    ];
    const carried = carriedDispositions(previous, clusters, dispositions);
    expect(carried.map((d) => [d.targetId, d.target, d.kind, d.reason])).toEqual([
      ['3', 'comment', 'adopted', 'yes'],
      ['5', 'comment', 'not-adopted', 'no'],
    ]);
    // Nothing changes for anyone: the carried copies keep each comment's disposition in force.
    const before = effectiveDispositions(
      [
        { id: 'A', members: ['1', '2', '3', '4'] },
        { id: 'B', members: ['5'] },
      ],
      dispositions,
    );
    const after = effectiveDispositions(clusters, [...dispositions, ...carried]);
    for (const id of ['1', '2', '3', '4', '5']) expect(after.get(id)!.kind, id).toBe(before.get(id)!.kind);
  });
});
