/// A draft's text as a Y.Doc and as a ProseMirror document. The body is the Y.XmlFragment `body`,
/// bound to ProseMirror by y-prosemirror (DESIGN.md "The document"); the server converts only to
/// import a law, to export, and to cut versions.
import type { Node as PMNode } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { schema } from '../core/index.ts';

/// Name of the Y.XmlFragment holding the draft's body.
export const bodyFragment = 'body';

/// Thrown when a draft's Y content cannot be read as a document of core's schema (a client wrote
/// something the editor would not).
export class DraftContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftContentError';
  }
}

/// The Y state update of a new draft whose text is `doc`.
export function stateFromDoc(doc: PMNode): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(bodyFragment));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/// The ProseMirror document held by `source` (a Y state update, or a live Y.Doc which is copied, not
/// touched: y-prosemirror deletes content it cannot read while converting). Missing required nodes
/// are filled in (an empty draft reads as a title and one empty article). Throws DraftContentError
/// when the content cannot be made to fit the schema.
export function docFromState(source: Uint8Array | Y.Doc): PMNode {
  const state = source instanceof Y.Doc ? Y.encodeStateAsUpdate(source) : source;
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const read = yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(bodyFragment), schema);
    try {
      read.check();
      return read;
    } catch {
      const filled = schema.topNodeType.createAndFill(null, read.content);
      if (filled) return filled;
      throw new DraftContentError('the draft content does not fit the schema');
    }
  } catch (error) {
    if (error instanceof DraftContentError) throw error;
    throw new DraftContentError(`the draft content cannot be read: ${(error as Error).message}`);
  } finally {
    ydoc.destroy();
  }
}

/// Make the body of `ydoc` hold `doc`, changing only what differs, the way the editor writes its
/// changes (y-prosemirror's updateYFragment): articles left as they were keep their Y content, so
/// their history and blame carry on. Call it inside a change with an attribution (DraftRooms.edit),
/// never on a live document directly.
export function writeDoc(ydoc: Y.Doc, doc: PMNode): void {
  updateYFragment(ydoc, ydoc.getXmlFragment(bodyFragment), doc, { mapping: new Map(), isOMark: new Map() });
}
