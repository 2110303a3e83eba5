// People editing one draft without a network, for tests of the record: each author holds a replica
// (a Y.Doc) and edits it the way the editor does — typing into the Y text, or running a ProseMirror
// command whose result y-prosemirror writes back — and every update is appended to the draft's
// record with its author and a test clock, then applied to the other replicas.
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import { buildOutline } from '../../core/index.ts';
import type { Language } from '../../core/index.ts';
import { docFromState, writeDoc } from '../../server/document.ts';
import type { Storage } from '../../server/storage/storage.ts';
import type { RecordHead } from '../../server/storage/record-chain.ts';

const remote = Symbol('remote');

/// The authors of one draft and the clock their edits are recorded at.
export class Authors {
  /// Milliseconds since the epoch of the next edit (a minute after the record's last entry at
  /// first); move it with `advance`.
  now: number;
  private head: RecordHead;
  private readonly replicas = new Map<number, Y.Doc>();

  constructor(
    private readonly storage: Storage,
    readonly draftId: string,
    readonly language: Language,
  ) {
    this.head = storage.record.head(draftId);
    this.now = this.head.at + 60_000;
  }

  /// The replica of user `userId` (made from the stored state the first time).
  replica(userId: number): Y.Doc {
    let doc = this.replicas.get(userId);
    if (!doc) {
      doc = new Y.Doc();
      for (const entry of this.storage.record.entries(this.draftId)) Y.applyUpdate(doc, entry.data, remote);
      const replica = doc;
      replica.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === remote) return;
        this.head = this.storage.record.append(this.draftId, this.head, update, { userId }, this.now);
        for (const [other, otherDoc] of this.replicas)
          if (other !== userId) Y.applyUpdate(otherDoc, update, remote);
      });
      this.replicas.set(userId, replica);
    }
    return doc;
  }

  /// Move the clock on by `ms`.
  advance(ms: number): void {
    this.now += ms;
  }

  /// The record's last entry number.
  get seq(): number {
    return this.head.seq;
  }

  /// Type `text` into the lead of article `articleId` (its first paragraph) at character `at`
  /// (default: the end), as `userId`.
  type(userId: number, articleId: string, text: string, at?: number): void {
    const lead = leadText(this.replica(userId), articleId);
    lead.insert(at ?? lead.length, text);
  }

  /// Delete `length` characters of article `articleId`'s first lead from character `at`, as `userId`.
  erase(userId: number, articleId: string, at: number, length: number): void {
    leadText(this.replica(userId), articleId).delete(at, length);
  }

  /// Run ProseMirror `command` as `userId` with the cursor at the start of article `articleId`'s text
  /// (plus `offset` characters); y-prosemirror writes the result. Returns whether the command applied.
  command(userId: number, articleId: string, command: Command, offset = 0): boolean {
    const doc = this.replica(userId);
    const pm = docFromState(doc);
    const pos = articleTextStart(pm, articleId) + offset;
    const state = EditorState.create({ doc: pm, selection: TextSelection.create(pm, pos) });
    let next: PMNode | null = null;
    const applied = command(state, (tr) => (next = tr.doc));
    if (applied && next) doc.transact(() => writeDoc(doc, next!));
    return applied;
  }

  /// The texts of every article now, by id, as the outline gives them.
  texts(userId: number): Map<string, string> {
    const outline = buildOutline(docFromState(this.replica(userId)), this.language);
    return new Map(outline.articles.map((article) => [article.id!, article.text]));
  }
}

/// Position of the first character of article `articleId`'s text in `doc`. Throws when there is no such article.
export function articleTextStart(doc: PMNode, articleId: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (node.type.name === 'article' && node.attrs.id === articleId) {
      found = pos + 3; // article > paragraph > lead > text
      return false;
    }
    return true;
  });
  if (found < 0) throw new RangeError(`No article ${articleId}`);
  return found;
}

function leadText(doc: Y.Doc, articleId: string): Y.XmlText {
  const find = (type: Y.XmlFragment | Y.XmlElement): Y.XmlElement | undefined => {
    for (const child of type.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article' && child.getAttribute('id') === articleId) return child;
      const inner = find(child);
      if (inner) return inner;
    }
    return undefined;
  };
  const article = find(doc.getXmlFragment('body'));
  if (!article) throw new RangeError(`No article ${articleId}`);
  const lead = (article.get(0) as Y.XmlElement).get(0) as Y.XmlElement;
  let text = lead.get(0);
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText();
    lead.insert(0, [text]);
  }
  return text as Y.XmlText;
}
