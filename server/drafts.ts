/// Creating drafts: from a plain-text law (core's parser) or empty. Shared by the API and the seeding.
/// Creating is two steps: prepareDraft does the work (parsing, the first Y state) without touching
/// storage, so the server can run it in a worker for a big text; storeDraft writes the result.
import type { Node as PMNode } from 'prosemirror-model';
import { article, buildOutline, doc, parseLaw, randomId } from '../core/index.ts';
import type { Language, LawProblem } from '../core/index.ts';
import type { DraftRecord } from './storage/drafts.ts';
import type { Storage } from './storage/interface.ts';
import { stateFromDoc } from './document.ts';

/// Limits on drafts, each refused with a reason naming it. Far above the largest real law (the
/// Civil Code has 1,260 articles in under 1 MiB).
export interface DraftLimits {
  /// Most articles an imported text may have. Defaults to 5,000.
  readonly maxArticles: number;
  /// Largest imported text, in bytes of UTF-8. Defaults to 8 MiB.
  readonly maxDraftBytes: number;
  /// Most drafts one user (not an administrator) may create, deleted ones included. Defaults to 1,000.
  readonly maxDraftsPerUser: number;
}

/// The default draft limits.
export const defaultDraftLimits: DraftLimits = {
  maxArticles: 5000,
  maxDraftBytes: 8 * 1024 * 1024,
  maxDraftsPerUser: 1000,
};

/// What a new draft is made from. Without `text` the draft is empty (a title and one empty article).
export interface NewDraft {
  /// Defaults to the title of `text`, else "未命名草案" / "Untitled draft".
  readonly title?: string;
  /// Defaults to the language of `text` (detected), else zh.
  readonly language?: Language;
  /// A law in the plain-text format.
  readonly text?: string;
  /// The user who becomes the draft's owner; none for seeded drafts (admins see every draft).
  readonly ownerId?: number;
}

/// A draft ready to be stored: its title, language, first Y state and the parser's problems.
export interface PreparedDraft {
  readonly title: string;
  readonly language: Language;
  readonly state: Uint8Array;
  readonly problems: readonly LawProblem[];
}

/// The title of a draft that has none.
export function untitled(language: Language): string {
  return language === 'zh' ? '未命名草案' : 'Untitled draft';
}

/// Parse `input.text` (if any) and build the draft's first state. Pure: touches no storage. Throws
/// LawTooLongError when the text has more than `maxArticles` articles.
export function prepareDraft(input: Omit<NewDraft, 'ownerId'>, maxArticles = Infinity): PreparedDraft {
  let body: PMNode;
  let language: Language;
  let problems: readonly LawProblem[] = [];
  if (input.text !== undefined) {
    const parsed = parseLaw(input.text, {
      ...(input.language ? { language: input.language } : {}),
      maxArticles,
    });
    body = parsed.doc;
    language = parsed.language;
    problems = parsed.problems;
  } else {
    language = input.language ?? 'zh';
    body = doc(input.title ?? '', article());
  }
  const title = (input.title ?? buildOutline(body, language).title).trim() || untitled(language);
  return { title, language, state: stateFromDoc(body), problems };
}

/// Store `prepared` as a new draft: its metadata, its first Y state (the first entry of its record,
/// attributed to the owner) and, with `ownerId`, the owner's membership (the owner is also recorded
/// as its creator), in one transaction. With `quota`, that transaction first calls it with the number
/// of drafts the owner created (serialized per owner, in every process), so a check it makes holds
/// when the draft is stored; what it throws stores nothing. Resolves to the draft.
export async function storeDraft(
  storage: Storage,
  prepared: PreparedDraft,
  ownerId?: number,
  quota?: (created: number) => void,
): Promise<DraftRecord> {
  const id = randomId();
  return storage.transaction(
    async (tx) => {
      if (quota && ownerId !== undefined) quota(await tx.drafts.countCreatedBy(ownerId));
      const created = await tx.drafts.create(
        id,
        prepared.title,
        prepared.language,
        Date.now(),
        ownerId ?? null,
      );
      // The first entry of the draft's record, attributed to its owner.
      await tx.record.create(id, prepared.state, { userId: ownerId ?? null, kind: 'create' });
      if (ownerId !== undefined) await tx.memberships.set(id, ownerId, 'owner');
      return created;
    },
    ownerId === undefined ? {} : { lock: `drafts-of:${ownerId}` },
  );
}

/// Create a draft (prepareDraft, then storeDraft). Resolves to the draft and the problems the parser
/// found in `text` (empty without text).
export async function createDraft(
  storage: Storage,
  input: NewDraft,
): Promise<{ draft: DraftRecord; problems: readonly LawProblem[] }> {
  const prepared = prepareDraft(input);
  return { draft: await storeDraft(storage, prepared, input.ownerId), problems: prepared.problems };
}
