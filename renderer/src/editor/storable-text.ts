/// Keeps text the server would refuse out of the editor: control characters (other than line breaks
/// and tabs) in pasted or dropped text are dropped before they reach the document. The server closes
/// a connection whose update holds one (core/text.ts), so letting one in would leave the change
/// unsyncable.
import { Fragment, Slice } from 'prosemirror-model';
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { findForbiddenCharacter, stripForbiddenCharacters } from '../../../core/index.ts';

function cleanFragment(fragment: Fragment): Fragment {
  let changed = false;
  const children: PMNode[] = [];
  fragment.forEach((child) => {
    let next = child;
    if (child.isText) {
      const text = stripForbiddenCharacters(child.text!);
      if (text !== child.text) {
        changed = true;
        if (!text) return;
        next = child.type.schema.text(text, child.marks);
      }
    } else if (child.content.size) {
      const content = cleanFragment(child.content);
      if (content !== child.content) {
        changed = true;
        next = child.copy(content);
      }
    }
    children.push(next);
  });
  return changed ? Fragment.fromArray(children) : fragment;
}

/// `slice` with forbidden characters removed from its text (the same slice when it has none).
export function storableSlice(slice: Slice): Slice {
  const content = cleanFragment(slice.content);
  return content === slice.content ? slice : new Slice(content, slice.openStart, slice.openEnd);
}

/// The plugin: cleans pasted and dropped text and slices.
export function storableText(): Plugin {
  return new Plugin({
    props: {
      transformPastedText: (text) => (findForbiddenCharacter(text) ? stripForbiddenCharacters(text) : text),
      transformPasted: (slice) => storableSlice(slice),
    },
  });
}
