/// Restore: put an article, or the whole draft, back as it was at a moment of its record or in a named
/// version — as a new change by the restorer, written the way the editor writes (only what differs),
/// so history is never rewritten and what was restored keeps its authors in blame.
import { Transform } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { buildOutline } from '../../core/index.ts';
import type { Language, RestoreJson } from '../../core/index.ts';
import { docFromState, writeDoc } from '../document.ts';
import type { Storage } from '../storage/interface.ts';
import { docAt } from '../sync/persistence.ts';
import type { DraftRooms } from '../sync/rooms.ts';

/// An expected refusal of a restore (the article is missing then or now, the moment is before the
/// draft): the message says which.
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/// What to restore from: the state right after entry `seq` of the record, or a version's state.
export type RestoreSource = { readonly seq: number } | { readonly versionId: string };

/// What to restore and who does it.
export interface RestoreRequest {
  readonly draftId: string;
  readonly language: Language;
  readonly source: RestoreSource;
  /// Restore only this article (by id); the whole draft when absent.
  readonly articleId?: string;
  readonly userId: number;
}

/// Restore as `request` says, as one entry of kind `restore` by the user. Resolves to what was
/// restored (`changed` false, and no entry, when the text already was so). Rejects with RestoreError
/// when the article is not in the source or not in the draft now, or the version does not exist, and
/// with DraftContentError when a state cannot be read.
export async function restore(
  storage: Storage,
  rooms: DraftRooms,
  request: RestoreRequest,
): Promise<RestoreJson> {
  const source = await sourceDoc(storage, request);
  const { draftId, articleId, language } = request;
  let oldNode: PMNode | undefined;
  if (articleId !== undefined) {
    oldNode = findArticle(source, articleId)?.node;
    if (!oldNode) {
      throw new RestoreError(
        'seq' in request.source
          ? `article ${articleId} was not in the draft at that time`
          : `article ${articleId} is not in version ${request.source.versionId}`,
      );
    }
  }
  return rooms.use(draftId, async (room) => {
    const before = room.appended.seq;
    const result = await room.change({ userId: request.userId, kind: 'restore' }, (ydoc) => {
      const live = docFromState(ydoc);
      let next = source;
      if (articleId !== undefined) {
        const now = findArticle(live, articleId);
        if (!now) {
          throw new RestoreError(
            `article ${articleId} is not in the draft now; restore the whole draft instead`,
          );
        }
        next = new Transform(live).replaceWith(now.pos, now.pos + now.node.nodeSize, oldNode!).doc;
      }
      if (next.eq(live)) return next;
      writeDoc(ydoc, next);
      return next;
    });
    const seq = room.appended.seq > before ? room.appended.seq : null;
    const outline = buildOutline(result, language);
    if (articleId === undefined) {
      return { restored: 'draft', changed: seq !== null, seq, articles: outline.articles.length };
    }
    const article = outline.articles.find((candidate) => candidate.id === articleId)!;
    return { restored: 'article', changed: seq !== null, seq, article };
  });
}

/// The ProseMirror document the restore takes its text from.
async function sourceDoc(storage: Storage, request: RestoreRequest): Promise<PMNode> {
  if ('versionId' in request.source) {
    const version = await storage.versions.get(request.draftId, request.source.versionId);
    if (!version)
      throw new RestoreError(`draft ${request.draftId} has no version ${request.source.versionId}`);
    return docFromState(version.state);
  }
  const doc = await docAt(storage, request.draftId, request.source.seq);
  try {
    return docFromState(doc);
  } finally {
    doc.destroy();
  }
}

/// The article with id `articleId` in `doc` and its position, or undefined.
function findArticle(doc: PMNode, articleId: string): { node: PMNode; pos: number } | undefined {
  let found: { node: PMNode; pos: number } | undefined;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === 'article') {
      if (node.attrs.id === articleId) found = { node, pos };
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}
