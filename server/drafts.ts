/// Creating drafts: from a plain-text law (core's parser) or empty. Shared by the API and the seeding.
import type { Node as PMNode } from 'prosemirror-model';
import { article, buildOutline, doc, parseLaw, randomId } from '../core/index.ts';
import type { Language, LawProblem } from '../core/index.ts';
import type { DraftRecord } from './storage/drafts.ts';
import type { Storage } from './storage/storage.ts';
import { stateFromDoc } from './document.ts';

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

/// The title of a draft that has none.
export function untitled(language: Language): string {
  return language === 'zh' ? '未命名草案' : 'Untitled draft';
}

/// Create a draft, storing its metadata, its first Y state (the first entry of its record, attributed
/// to the owner) and the owner's membership in one transaction. Returns the draft and the problems the parser found in `text` (empty without text).
export function createDraft(
  storage: Storage,
  input: NewDraft,
): { draft: DraftRecord; problems: readonly LawProblem[] } {
  let body: PMNode;
  let language: Language;
  let problems: readonly LawProblem[] = [];
  if (input.text !== undefined) {
    const parsed = parseLaw(input.text, input.language ? { language: input.language } : {});
    body = parsed.doc;
    language = parsed.language;
    problems = parsed.problems;
  } else {
    language = input.language ?? 'zh';
    body = doc(input.title ?? '', article());
  }
  const title = (input.title ?? buildOutline(body, language).title).trim() || untitled(language);
  const state = stateFromDoc(body);
  const id = randomId();
  const draft = storage.transaction(() => {
    const created = storage.drafts.create(id, title, language);
    storage.record.create(id, state, { userId: input.ownerId ?? null, kind: 'create' });
    if (input.ownerId !== undefined) storage.memberships.set(id, input.ownerId, 'owner');
    return created;
  });
  return { draft, problems };
}
