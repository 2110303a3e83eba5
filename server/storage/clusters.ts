/// The clustering of each draft's comments as last computed (which comment is in which cluster, each
/// cluster's kind, size and representative), and the clerk's manual cluster decisions, oldest first,
/// which every clustering honours (core/comments/decisions.ts).
import type { Statement } from 'better-sqlite3';
import { decisionFromJSON } from '../../core/index.ts';
import type { ClusterAssignment, ClusterDecision } from '../../core/index.ts';
import type { Db } from './database.ts';

/// A cluster as stored.
export interface StoredCluster {
  readonly id: string;
  readonly kind: 'text' | 'stub';
  /// The comment whose text stands for the cluster.
  readonly representative: number;
  readonly size: number;
}

/// A cluster to store: its members are comment ids.
export interface NewCluster extends Omit<StoredCluster, 'size'> {
  readonly members: readonly number[];
}

/// When a draft's comments were last clustered, how many, and the state of its comments then (see
/// ClusterRepository.save): a different state now means the clustering is out of date.
export interface ClusteringInfo {
  readonly clusteredAt: number;
  readonly comments: number;
  readonly source: string;
}

/// A recorded cluster decision.
export interface StoredDecision {
  readonly id: number;
  readonly decision: ClusterDecision;
  /// Username of the clerk who made it, or null when unknown.
  readonly decidedBy: string | null;
  readonly decidedAt: number;
}

/// The `clusterings`, `clusters`, `cluster_members` and `cluster_decisions` tables.
export class ClusterRepository {
  private readonly db: Db;
  private readonly infoStmt: Statement<[string], { clustered_at: number; comments: number; source: string }>;
  private readonly clearMembersStmt: Statement<[string]>;
  private readonly clearClustersStmt: Statement<[string]>;
  private readonly insertClusterStmt: Statement<[string, string, string, number, number]>;
  private readonly insertMemberStmt: Statement<[number, string, string]>;
  private readonly upsertInfoStmt: Statement<[string, number, number, string]>;
  private readonly assignmentsStmt: Statement<[string], { comment_id: number; cluster_id: string }>;
  private readonly listStmt: Statement<
    [string],
    { id: string; kind: 'text' | 'stub'; representative: number; size: number }
  >;
  private readonly getStmt: Statement<
    [string, string],
    { id: string; kind: 'text' | 'stub'; representative: number; size: number }
  >;
  private readonly membersStmt: Statement<[string, string], { comment_id: number }>;
  private readonly clusterOfStmt: Statement<[number], { cluster_id: string; draft_id: string }>;
  private readonly insertDecisionStmt: Statement<[string, string, number | null, number]>;
  private readonly decisionsStmt: Statement<
    [string],
    { id: number; decision: string; decided_by: string | null; decided_at: number }
  >;

  constructor(db: Db) {
    this.db = db;
    this.infoStmt = db.prepare('SELECT clustered_at, comments, source FROM clusterings WHERE draft_id = ?');
    this.clearMembersStmt = db.prepare('DELETE FROM cluster_members WHERE draft_id = ?');
    this.clearClustersStmt = db.prepare('DELETE FROM clusters WHERE draft_id = ?');
    this.insertClusterStmt = db.prepare(
      'INSERT INTO clusters (draft_id, id, kind, representative, size) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertMemberStmt = db.prepare(
      'INSERT INTO cluster_members (comment_id, draft_id, cluster_id) VALUES (?, ?, ?)',
    );
    this.upsertInfoStmt = db.prepare(
      `INSERT INTO clusterings (draft_id, clustered_at, comments, source) VALUES (?, ?, ?, ?)
       ON CONFLICT (draft_id) DO UPDATE SET clustered_at = excluded.clustered_at,
         comments = excluded.comments, source = excluded.source`,
    );
    this.assignmentsStmt = db.prepare(
      'SELECT comment_id, cluster_id FROM cluster_members WHERE draft_id = ? ORDER BY comment_id',
    );
    const columns = 'id, kind, representative, size';
    this.listStmt = db.prepare(`SELECT ${columns} FROM clusters WHERE draft_id = ? ORDER BY size DESC, id`);
    this.getStmt = db.prepare(`SELECT ${columns} FROM clusters WHERE draft_id = ? AND id = ?`);
    this.membersStmt = db.prepare(
      'SELECT comment_id FROM cluster_members WHERE draft_id = ? AND cluster_id = ? ORDER BY comment_id',
    );
    this.clusterOfStmt = db.prepare('SELECT cluster_id, draft_id FROM cluster_members WHERE comment_id = ?');
    this.insertDecisionStmt = db.prepare(
      'INSERT INTO cluster_decisions (draft_id, decision, decided_by, decided_at) VALUES (?, ?, ?, ?)',
    );
    this.decisionsStmt = db.prepare(
      `SELECT d.id, d.decision, u.username AS decided_by, d.decided_at FROM cluster_decisions d
       LEFT JOIN users u ON u.id = d.decided_by WHERE d.draft_id = ? ORDER BY d.id`,
    );
  }

  /// When `draftId`'s comments were last clustered, or undefined when never.
  info(draftId: string): ClusteringInfo | undefined {
    const row = this.infoStmt.get(draftId);
    return row && { clusteredAt: row.clustered_at, comments: row.comments, source: row.source };
  }

  /// Replace the clustering of `draftId` with `clusters`, made from comments in state `source`, in
  /// one transaction. Throws when a comment is in two clusters or is not a comment.
  save(draftId: string, clusters: readonly NewCluster[], source: string, at = Date.now()): void {
    this.db.transaction(() => {
      this.clearMembersStmt.run(draftId);
      this.clearClustersStmt.run(draftId);
      let comments = 0;
      for (const cluster of clusters) {
        this.insertClusterStmt.run(
          draftId,
          cluster.id,
          cluster.kind,
          cluster.representative,
          cluster.members.length,
        );
        for (const member of cluster.members) this.insertMemberStmt.run(member, draftId, cluster.id);
        comments += cluster.members.length;
      }
      this.upsertInfoStmt.run(draftId, at, comments, source);
    })();
  }

  /// Which cluster each clustered comment of `draftId` is in, comment ids as strings (the shape of
  /// `ClusterOptions.previous`).
  assignments(draftId: string): ClusterAssignment[] {
    return this.assignmentsStmt
      .all(draftId)
      .map((row) => ({ commentId: String(row.comment_id), clusterId: row.cluster_id }));
  }

  /// The clusters of `draftId`, largest first.
  list(draftId: string): StoredCluster[] {
    return this.listStmt.all(draftId);
  }

  /// Cluster `id` of `draftId`, or undefined.
  get(draftId: string, id: string): StoredCluster | undefined {
    return this.getStmt.get(draftId, id);
  }

  /// The comment ids in cluster `id` of `draftId`, ascending; empty for an unknown cluster.
  members(draftId: string, id: string): number[] {
    return this.membersStmt.all(draftId, id).map((row) => row.comment_id);
  }

  /// The cluster comment `commentId` is in, or undefined when it was not clustered.
  clusterOf(commentId: number): string | undefined {
    return this.clusterOfStmt.get(commentId)?.cluster_id;
  }

  /// Record `decisions` (in order) for `draftId`, made by user `userId`.
  addDecisions(
    draftId: string,
    decisions: readonly ClusterDecision[],
    userId: number | null,
    at = Date.now(),
  ): void {
    this.db.transaction(() => {
      for (const d of decisions) this.insertDecisionStmt.run(draftId, JSON.stringify(d), userId, at);
    })();
  }

  /// The decisions of `draftId`, oldest first. A stored decision that no longer reads as one (it
  /// cannot happen through this repository) is left out.
  decisions(draftId: string): StoredDecision[] {
    const out: StoredDecision[] = [];
    for (const row of this.decisionsStmt.all(draftId)) {
      try {
        out.push({
          id: row.id,
          decision: decisionFromJSON(JSON.parse(row.decision)),
          decidedBy: row.decided_by,
          decidedAt: row.decided_at,
        });
      } catch {
        // Not a decision: skipped rather than failing every clustering of the draft.
      }
    }
    return out;
  }
}
