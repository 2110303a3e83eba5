// core/text.ts: which characters text may hold, where a forbidden one stands, how characters are
// counted, and XML-safe output.
import { describe, expect, it } from 'vitest';
import { Slice } from 'prosemirror-model';
import {
  article,
  characterCount,
  doc,
  findForbiddenCharacter,
  stripForbiddenCharacters,
  xmlSafe,
} from '../../core/index.ts';
import { storableSlice } from '../../renderer/src/editor/storable-text.ts';

describe('forbidden characters', () => {
  it('are the C0 and C1 controls but tab, LF and CR, DEL, U+FFFE/U+FFFF and lone surrogates', () => {
    for (const ch of [
      '\u0000',
      '\u0007',
      '\u000b',
      '\u000c',
      '\u001b',
      '\u007f',
      '\u0085',
      '\ufffe',
      '\ud800',
      '\udc00',
    ]) {
      expect(findForbiddenCharacter(`a${ch}b`), JSON.stringify(ch)).toBeDefined();
    }
    for (const text of ['tab\there', 'CRLF\r\nLF\n', '😀 𠀀', '\u200b\u3000\ufeff', '法律 law', '']) {
      expect(findForbiddenCharacter(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('are reported with their line and column, counted in characters', () => {
    expect(findForbiddenCharacter('first\r\n😀second\n😀x\u0007')).toEqual({
      index: 19,
      line: 3,
      column: 3,
      what: 'control character U+0007',
    });
    expect(findForbiddenCharacter('ok \ud83d')?.what).toBe('lone surrogate U+D83D');
  });

  it('are stripped from pasted text, a lone surrogate becoming U+FFFD', () => {
    expect(stripForbiddenCharacters('a\u0000b\u0007c\td\ud800e')).toBe('abc\td\ufffde');
  });
});

describe('characterCount', () => {
  it('counts code points: an emoji or a CJK Extension B character is one', () => {
    expect(characterCount('意见😀𠀀a')).toBe(5);
    expect('意见😀𠀀a'.length).toBe(7);
    expect(characterCount('\ud800x')).toBe(2); // a lone surrogate still counts once
  });
});

describe('xmlSafe', () => {
  it('replaces what XML 1.0 cannot hold by U+FFFD and keeps the rest', () => {
    expect(xmlSafe('a\u0000b\u000cc\u0085d\t\n😀\ud800')).toBe('a\ufffdb\ufffdc\u0085d\t\n😀\ufffd');
  });
});

describe('the editor', () => {
  it('drops forbidden characters from a pasted slice, keeping its structure and everything else', () => {
    const pasted = doc('', article('one\u0000 two\u0007'), article('\u0001'));
    const slice = new Slice(pasted.content, 0, 0);
    const clean = storableSlice(slice);
    expect(clean.content.textBetween(0, clean.content.size, '|')).toBe('|one two|');
    expect(clean.content.childCount).toBe(3);
    const untouched = new Slice(doc('T', article('fine')).content, 0, 0);
    expect(storableSlice(untouched)).toBe(untouched);
  });
});
