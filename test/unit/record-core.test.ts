import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  article,
  articleTextPositions,
  blameRuns,
  buildOutline,
  chapter,
  doc,
  groupSessions,
  item,
  paragraph,
  parseLaw,
  ref,
  renderTimelineCsv,
  timelineKindOf,
} from '../../core/index.ts';
import type { Language } from '../../core/index.ts';
import { projectPath } from '../helpers/cli.ts';

describe('author sessions', () => {
  const at = (minutes: number) => minutes * 60_000;

  it("groups one author's changes with pauses of at most five minutes", () => {
    const changes = [
      { at: at(0), author: 'a' },
      { at: at(4), author: 'a' },
      { at: at(8), author: 'a' },
      { at: at(14), author: 'a' }, // six minutes later: a new session
    ];
    expect(groupSessions(changes)).toEqual([
      { first: 0, last: 2 },
      { first: 3, last: 3 },
    ]);
  });

  it('starts a session when the author changes and around a change that stands alone', () => {
    const changes = [
      { at: 0, author: 'a' },
      { at: 1, author: 'b' },
      { at: 2, author: 'b', alone: true },
      { at: 3, author: 'b' },
      { at: 4, author: 'a' },
    ];
    expect(groupSessions(changes)).toEqual([
      { first: 0, last: 0 },
      { first: 1, last: 1 },
      { first: 2, last: 2 },
      { first: 3, last: 3 },
      { first: 4, last: 4 },
    ]);
    expect(groupSessions([])).toEqual([]);
  });
});

describe('blame runs', () => {
  it('keeps the owner of kept text and gives inserted text to the step that inserted it', () => {
    const runs = blameRuns([
      { text: '网络运营者应当履行义务。', owner: 'a' },
      { text: '网络运营者应当依法履行义务。', owner: 'b' },
      { text: '网络运营者应当依法履行安全保护义务。', owner: 'c' },
      { text: '关键网络运营者应当依法履行安全保护义务。', owner: 'a' },
    ]);
    expect(runs.map((r) => [r.text, r.owner])).toEqual([
      ['关键', 'a'],
      ['网络运营者应当', 'a'],
      ['依法', 'b'],
      ['履行', 'a'],
      ['安全保护', 'c'],
      ['义务。', 'a'],
    ]);
  });

  it('gives a rewritten word to its new author even where it shares a letter with the old one', () => {
    const runs = blameRuns([
      { text: 'The authority shall act.', owner: 'a' },
      { text: 'The department shall act.', owner: 'b' },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe('The department shall act.');
    expect(
      runs
        .filter((r) => r.owner === 'b')
        .map((r) => r.text)
        .join(''),
    ).toContain('department');
    expect(runs.find((r) => r.text.includes('shall act.'))?.owner).toBe('a');
  });

  it('returns nothing for an empty text and joins to exactly the last text', () => {
    expect(blameRuns([{ text: '', owner: 1 }])).toEqual([]);
    expect(blameRuns([])).toEqual([]);
    const steps = [
      { text: 'abc', owner: 1 },
      { text: '', owner: 2 },
      { text: 'xyz abc', owner: 3 },
    ];
    expect(
      blameRuns(steps)
        .map((r) => r.text)
        .join(''),
    ).toBe('xyz abc');
    expect(new Set(blameRuns(steps).map((r) => r.owner))).toEqual(new Set([3]));
  });
});

describe('timeline kinds and CSV', () => {
  it('maps audit actions to kinds, leaving out what is not a timeline event', () => {
    expect(timelineKindOf('version.create')).toBe('version');
    expect(timelineKindOf('suggestion.accept')).toBe('suggestion');
    expect(timelineKindOf('restore.article')).toBe('restore');
    expect(timelineKindOf('public.open')).toBe('comment-period');
    expect(timelineKindOf('public.withdraw')).toBe('comment-period');
    expect(timelineKindOf('dispositions.set')).toBe('disposition');
    expect(timelineKindOf('summary.export')).toBe('export');
    expect(timelineKindOf('public.comment')).toBeUndefined();
    expect(timelineKindOf('session.create')).toBeUndefined();
    expect(timelineKindOf('version')).toBeUndefined();
  });

  it('writes a header and one quoted, spreadsheet-safe row per event', () => {
    const csv = renderTimelineCsv([
      {
        at: '2026-03-01T09:00:00.000Z',
        kind: 'member',
        action: 'member.set',
        user: '=cmd',
        detail: { username: 'bob', role: 'drafter' },
      },
      { at: '2026-03-01T10:00:00.000Z', kind: 'draft', action: 'draft.create', user: null, detail: null },
    ]);
    expect(csv).toBe(
      'time,kind,action,user,detail\r\n' +
        `2026-03-01T09:00:00.000Z,member,member.set,'=cmd,"{""username"":""bob"",""role"":""drafter""}"\r\n` +
        '2026-03-01T10:00:00.000Z,draft,draft.create,,\r\n',
    );
  });
});

describe('article text positions', () => {
  const check = (document: ReturnType<typeof doc>, language: Language) => {
    const outline = buildOutline(document, language);
    const numbers = new Map(outline.articles.map((a) => [a.id!, a.number]));
    for (const entry of outline.articles) {
      const node = document.nodeAt(entry.pos)!;
      const { text, positions } = articleTextPositions(node, entry.pos, language, (id) => numbers.get(id));
      expect(text, entry.label).toBe(entry.text);
      expect(positions).toHaveLength(text.length);
      for (let i = 0; i < text.length; i++) {
        const at = positions[i];
        if (at < 0) continue;
        const node = document.nodeAt(at)!;
        if (node.isText) expect(document.textBetween(at, at + 1)).toBe(text[i]);
        else expect(node.type.name).toBe('ref');
      }
    }
  };

  it('gives the outline text of every article of a corpus law, each character at its place', () => {
    const law = readFileSync(projectPath('test/fixtures/laws/pipl-2021-final.en.md'), 'utf8');
    check(parseLaw(law).doc, 'en');
    const zh = readFileSync(projectPath('test/fixtures/laws/cybersecurity-law-2016.zh.md'), 'utf8');
    check(parseLaw(zh).doc, 'zh');
  });

  it('labels items and references as the outline does', () => {
    const document = doc(
      '条例',
      chapter(
        '总则',
        article({ id: 'a1' }, paragraph('总则条文')),
        article(
          { id: 'a2' },
          paragraph(['依照', ref('a1', 1), '规定：'], item('第一项'), item('')),
          paragraph(['引用', ref('gone')]),
        ),
      ),
    );
    check(document, 'zh');
    check(document, 'en');
  });
});
