import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../renderer/src/i18n/resources.ts';
import { projectPath } from '../helpers/cli.ts';

/// Every key path of a nested resource object, with its value.
function keys(value: unknown, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of keys(child, prefix ? `${prefix}.${key}` : key)) found.set(path, leaf);
    }
  } else found.set(prefix, value);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const zh = keys(resources.zh.translation);
const en = keys(resources.en.translation);

describe('the UI words', () => {
  it('exist in both languages, with the same interpolations', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of zh) {
      const names = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(names(en.get(key)), key).toEqual(names(text));
    }
  });

  it('cover every key the renderer asks for', () => {
    const used = new Set<string>();
    for (const file of sources(projectPath('renderer/src'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(80);
    const missing = [...used].filter(
      (key) => !zh.has(key) && ![...zh.keys()].some((k) => k.startsWith(`${key}.`)),
    );
    expect(missing).toEqual([]);
  });

  it('name every role, status, export format and comparison kind the UI builds keys for', () => {
    for (const role of ['owner', 'drafter', 'reviewer', 'clerk', 'viewer'])
      expect(zh.has(`role.${role}`)).toBe(true);
    for (const format of ['txt', 'md', 'html', 'docx', 'akn']) expect(zh.has(`export.${format}`)).toBe(true);
    for (const kind of ['modified', 'inserted', 'deleted', 'moved', 'unchanged'])
      expect(zh.has(`compare.kind.${kind}`)).toBe(true);
    for (const id of [
      'newArticle',
      'newParagraph',
      'newItem',
      'newChapter',
      'newSection',
      'moveUp',
      'moveDown',
      'split',
      'merge',
      'delete',
    ]) {
      expect(zh.has(`toolbar.${id}`) && zh.has(`command.${id}`), id).toBe(true);
    }
    for (const status of ['connected', 'syncing', 'offline'])
      expect(zh.has(`connection.${status}`)).toBe(true);
  });
});
