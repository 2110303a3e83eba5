/// The shapes of the server's HTTP API (issue 4), as the renderer reads them.
import type { ComparisonJson, ComparisonJsonRow, Language } from '../../../core/index.ts';

/// A role on one draft. Owners and drafters write; reviewers, clerks and viewers read.
export type Role = 'owner' | 'drafter' | 'reviewer' | 'clerk' | 'viewer';

/// Whether `role` may change the text, run structural commands and cut versions.
export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'drafter';
}

/// The signed-in user.
export interface SessionUser {
  readonly id?: number;
  readonly username: string;
  readonly isAdmin?: boolean;
}

/// What `POST /api/session` returns; kept in local storage while signed in.
export interface Session {
  readonly token: string;
  readonly user: SessionUser;
}

/// A draft as listed: `GET /api/drafts`, `GET /api/drafts/:id`.
export interface DraftInfo {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly status: string;
  /// Milliseconds since the epoch, or an ISO date.
  readonly updatedAt: number | string;
  readonly role: Role;
}

/// A problem the server's plain-text reader found, at a 1-based line.
export interface ImportProblem {
  readonly line: number;
  readonly message: string;
}

/// What `POST /api/drafts` returns.
export interface CreatedDraft extends DraftInfo {
  readonly problems?: readonly ImportProblem[];
}

/// What `POST /api/drafts` accepts: an empty draft, or one imported from a plain-text law.
export interface NewDraft {
  readonly title?: string;
  readonly language?: Language;
  readonly text?: string;
}

/// A named version, as listed, with the head of the draft's record when it was cut (its entry number
/// and SHA-256 hash in hex; null for versions cut before the record).
export interface VersionInfo {
  readonly id: string;
  readonly label: string;
  readonly createdAt: number | string;
  readonly author: string | null;
  readonly head?: { readonly seq: number; readonly hash: string } | null;
}

/// The formats the server exports a live draft to.
export const draftExportFormats = ['txt', 'md', 'html', 'docx', 'akn'] as const;

/// One of draftExportFormats.
export type DraftExportFormat = (typeof draftExportFormats)[number];

/// `GET /api/drafts/:id/compare?format=json`: core's JSON report of a comparison.
export type Comparison = ComparisonJson;

/// One row of Comparison.
export type ComparisonRow = ComparisonJsonRow;

/// A side of a comparison: a version id, or 'live' for the draft as it is now.
export type ComparisonSide = string;

/// A file the server sent for download.
export interface DownloadedFile {
  readonly name: string;
  readonly data: Uint8Array;
  readonly mime: string;
}
