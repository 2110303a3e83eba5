/// Which articles a comment may point at: those of the live draft (read from its Y.Doc without
/// converting it) or those of a named version (from its stored outline).
import * as Y from 'yjs';
import type { OutlineArticle, OutlineDivision } from '../../core/index.ts';
import { bodyFragment } from '../document.ts';
import type { Storage } from '../storage/interface.ts';

const containers = new Set(['part', 'chapter', 'section']);

/// The ids of the articles in `doc`'s body, in document order.
export function liveArticleIds(doc: Y.Doc): string[] {
  const ids: string[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'article') {
        const id = child.getAttribute('id');
        if (typeof id === 'string' && id) ids.push(id);
      } else if (containers.has(child.nodeName)) walk(child);
    }
  };
  walk(doc.getXmlFragment(bodyFragment));
  return ids;
}

/// The parts of a stored outline the comment features read.
export interface StoredOutline {
  readonly title: string;
  readonly preamble: readonly string[];
  readonly divisions: readonly OutlineDivision[];
  readonly articles: readonly OutlineArticle[];
}

const caches = new WeakMap<Storage, Map<string, StoredOutline>>();

/// The outline stored with version `versionId` of `draftId`, or undefined when there is no such
/// version. Versions never change, so the parsed outline is kept (the last 16).
export async function versionOutline(
  storage: Storage,
  draftId: string,
  versionId: string,
): Promise<StoredOutline | undefined> {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = new Map()));
  const key = `${draftId}/${versionId}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const version = await storage.versions.get(draftId, versionId);
  if (!version) return undefined;
  const parsed = JSON.parse(version.outline) as Partial<StoredOutline>;
  const outline: StoredOutline = {
    title: parsed.title ?? '',
    preamble: parsed.preamble ?? [],
    divisions: parsed.divisions ?? [],
    articles: parsed.articles ?? [],
  };
  cache.set(key, outline);
  if (cache.size > 16) cache.delete(cache.keys().next().value!);
  return outline;
}
