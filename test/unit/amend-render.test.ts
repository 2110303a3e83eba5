// The instrument's output formats: DOCX set per GB/T 9704 (zh) and in the NPC's English layout, a
// self-contained HTML page whose instructions carry their comparison rows, Markdown and JSON.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  article,
  buildOutline,
  chapter,
  doc,
  draftInstrument,
  parseLaw,
  renderInstrument,
  sequentialIds,
  withIds,
} from '../../core/index.ts';
import type { Instrument } from '../../core/index.ts';

const outlineOf = (file: string) =>
  buildOutline(
    parseLaw(readFileSync(new URL(`../fixtures/laws/${file}`, import.meta.url), 'utf8'), { language: 'zh' })
      .doc,
    'zh',
  );

const cybersecurity = draftInstrument(
  outlineOf('cybersecurity-law-2016.zh.md'),
  outlineOf('cybersecurity-law-2025-amended.zh.md'),
  { matchIds: false, effective: '2026年1月1日' },
);

const english = (() => {
  const law = (...articles: string[]) =>
    buildOutline(
      withIds(sequentialIds('e'), () =>
        doc('Test <Regulations>', chapter('General', ...articles.map((a) => article(a)))),
      ),
      'en',
    );
  return draftInstrument(
    law('Rule one.', 'Rule two & three.'),
    law('Rule one.', 'A new "rule".', 'Rule two & three.'),
    {
      matchIds: false,
    },
  );
})();

async function docxParts(instrument: Instrument) {
  const bytes = (await renderInstrument(instrument, 'docx')) as Uint8Array;
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name]);
  return {
    document: text('word/document.xml'),
    settings: text('word/settings.xml'),
    footers: Object.keys(files)
      .filter((n) => /^word\/footer\d+\.xml$/.test(n))
      .map(text),
  };
}

describe('DOCX', () => {
  it('sets a Chinese instrument per GB/T 9704: A4, its margins, 小标宋 title, 仿宋 text on a 28 pt pitch', async () => {
    const { document, settings, footers } = await docxParts(cybersecurity);
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 37 mm top, 35 mm bottom, 28 mm left (binding side), 26 mm right, in twentieths of a point.
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(document).toMatch(
      /w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?全国人民代表大会常务委员会关于修改/,
    );
    expect(document).toContain('w:eastAsia="FangSong"');
    expect(document).toContain('<w:sz w:val="32"/>');
    expect(document).toContain('w:line="560" w:lineRule="exact"');
    expect(document).toContain('<w:ind w:firstLine="640"/>');
    expect(document).toContain('一、增加一条，作为第三条：“网络安全工作坚持中国共产党的领导');
    // A quoted second paragraph stands on its own line, opening with “.
    expect(document).toContain(
      '<w:t xml:space="preserve">“国家支持创新网络安全管理方式，运用人工智能等新技术，提升网络安全保护水平。”</w:t>',
    );
    expect(document).toContain('本决定自2026年1月1日起施行。');
    // Page numbers "— 1 —" in 4号 宋体, odd pages right, even pages left.
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toContain('— ');
      expect(footer).toContain('PAGE');
      expect(footer).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.some((f) => f.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((f) => f.includes('<w:jc w:val="left"/>'))).toBe(true);
  });

  it('sets an English instrument in Times New Roman with 25 mm margins', async () => {
    const { document } = await docxParts(english);
    expect(document).toContain('w:ascii="Times New Roman"');
    expect(document).toMatch(/<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"/);
    expect(document).toContain('1. One article is added as Article 2: “A new &quot;rule&quot;.”');
  });
});

describe('HTML, Markdown and JSON', () => {
  it('writes a self-contained page, escaped, each instruction linked to its comparison rows', async () => {
    const html = (await renderInstrument(english, 'html')) as string;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(
      '<title>Decision of the State Council on Amending the Test &lt;Regulations&gt;</title>',
    );
    expect(html).toContain(
      '<section class="instruction" id="instruction-1" data-kind="add-article" data-rows="1">',
    );
    expect(html).toContain('A new &quot;rule&quot;.');
    expect(html).not.toMatch(/<script|https?:\/\//);
    const zh = (await renderInstrument(cybersecurity, 'html')) as string;
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<p class="quoted">“国家支持创新网络安全管理方式');
  });

  it('writes Markdown with the title as a heading and every paragraph on its own', async () => {
    const md = (await renderInstrument(cybersecurity, 'md')) as string;
    expect(md).toMatch(
      /^# 全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定\n\n全国人民代表大会常务委员会决定对/,
    );
    expect(md).toContain(
      '\n\n“国家支持创新网络安全管理方式，运用人工智能等新技术，提升网络安全保护水平。”\n\n',
    );
  });

  it('writes the JSON report with a fixed key order and the same bytes twice', async () => {
    const a = (await renderInstrument(cybersecurity, 'json')) as string;
    expect(a).toBe(await renderInstrument(cybersecurity, 'json'));
    const json = JSON.parse(a);
    expect(Object.keys(json)).toEqual(['title', 'preamble', 'instructions', 'closing']);
    expect(Object.keys(json.instructions[0])).toEqual(['number', 'kind', 'text', 'old', 'new', 'rows']);
    expect(json.instructions[1]).toMatchObject({
      number: 2,
      kind: 'amend-article',
      text: '将第十八条改为第十九条，删去第二款。',
      old: { article: 18 },
      new: { article: 19 },
    });
  });
});
