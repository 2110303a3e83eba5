// Files for the attachment tests and the benchmark, written here: PDFs with pdf-lib, Word files with
// the docx package, ODT and ZIP containers with fflate, GB18030 text with iconv-lite — and the hostile
// ones (a zip bomb, deeply nested XML, an encrypted PDF, a PDF whose page tree loops, a damaged PDF,
// an enormous PDF) — and a realistic docket: campaign letters, distinct letters, broken files.
import { strToU8, zipSync } from 'fflate';
import { Document, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/// A PDF with one page per entry of `pages`, each page's lines drawn in Helvetica (Latin text only).
export async function pdfFile(pages: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    let y = 790;
    for (const line of wrap(text, 90)) {
      page.drawText(line, { x: 50, y, size: 11, font });
      y -= 15;
      if (y < 40) break;
    }
  }
  return doc.save({ useObjectStreams: false });
}

/// A Word document (DOCX) with one paragraph per entry of `paragraphs`.
export async function docxFile(paragraphs: readonly string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const odtManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/// An OpenDocument text (ODT) with one paragraph per entry of `paragraphs` (the mimetype entry first
/// and stored, as the format requires), or with `contentXml` as its content.
export function odtFile(paragraphs: readonly string[], contentXml?: string): Uint8Array {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const content =
    contentXml ??
    `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>${paragraphs.map((p) => `<text:p>${escape(p)}</text:p>`).join('')}</office:text></office:body>
</office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'META-INF/manifest.xml': strToU8(odtManifest),
  });
}

/// `text` in GB18030 (the encoding of many Chinese Windows files), without a byte order mark.
export function gb18030File(text: string): Uint8Array {
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

/// A 1×1 PNG image.
export function pngFile(): Uint8Array {
  return Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
}

/// A zip bomb dressed as a Word document: `megabytes` MB of zeros in word/document.xml, which
/// compress about a thousand times.
export function zipBombDocx(megabytes = 64): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': [new Uint8Array(megabytes * 1024 * 1024), { level: 1 }],
  });
}

/// A Word document whose body nests `depth` elements inside one another.
export function deeplyNestedDocx(depth = 20_000): Uint8Array {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    '<w:sdt><w:sdtContent>'.repeat(depth) +
    '<w:p><w:r><w:t>deep</w:t></w:r></w:p>' +
    '</w:sdtContent></w:sdt>'.repeat(depth) +
    '</w:body></w:document>';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(xml),
  });
}

/// A PDF encrypted with a user password (the standard security handler, RC4): no reader opens it
/// without the password, which nobody has.
export async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('Secret letter', { x: 50, y: 700, size: 12, font });
  const random = (n: number) =>
    PDFString.of(Array.from({ length: n }, (_, i) => String.fromCharCode(65 + ((i * 7) % 26))).join(''));
  const encrypt = doc.context.obj({
    Filter: PDFName.of('Standard'),
    V: 1,
    R: 2,
    O: random(32),
    U: random(32),
    P: -44,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([
    PDFString.of('0123456789abcdef'),
    PDFString.of('0123456789abcdef'),
  ]);
  return doc.save({ useObjectStreams: false });
}

/// A PDF whose page tree contains itself: a reader that follows it naively never stops.
export function loopingPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ];
  return rawPdf(objects);
}

/// A PDF cut short in the middle of its first page.
export async function damagedPdf(): Promise<Uint8Array> {
  const whole = await pdfFile(['A letter that will be cut in two. '.repeat(20)]);
  return whole.subarray(0, Math.floor(whole.length / 3));
}

/// A PDF of `pages` pages, each with one line.
export async function manyPagePdf(pages: number): Promise<Uint8Array> {
  return pdfFile(Array.from({ length: pages }, (_, i) => `Page ${i + 1} of a very long annex.`));
}

function rawPdf(objects: readonly string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return strToU8(out);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/// A deterministic random number generator (mulberry32).
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const topics = [
  'data localisation',
  'cross-border transfer',
  'incident reporting within 24 hours',
  'critical information infrastructure',
  'personal information of minors',
  'security assessments',
  'penalties for small businesses',
  'open-source software',
  'encryption standards',
  'log retention of six months',
];
const verbs = ['supports', 'opposes', 'asks to clarify', 'proposes to narrow', 'proposes to extend'];
const words =
  'the regulator should consider proportionate obligations for operators whose systems process limited volumes of data while keeping strict rules for large platforms and public services'.split(
    ' ',
  );

/// The letter of the campaign every campaign attachment carries.
export const campaignLetter = [
  'Joint letter of the Alliance for Open Networks',
  'We, the undersigned members, write about Article 12 of the draft regulations.',
  'Article 12 would require every operator to keep logs for six months and report incidents within 24 hours.',
  'We ask that small operators be given a longer period and a simpler report form.',
  'We also ask that the obligations of Article 12 apply only after a transition period of one year.',
];

/// A letter with its own content: organisation `n` writes about a topic and an article.
export function distinctLetter(n: number, random: () => number, articles = 60): string[] {
  const topic = topics[Math.floor(random() * topics.length)];
  const verb = verbs[Math.floor(random() * verbs.length)];
  const article = 1 + Math.floor(random() * articles);
  const body = Array.from(
    { length: 40 + Math.floor(random() * 60) },
    () => words[Math.floor(random() * words.length)],
  );
  return [
    `Comments of organisation number ${n}`,
    `Our organisation ${verb} the provisions on ${topic} in Article ${article}.`,
    body.join(' ') + '.',
    `Reference ${n}-${Math.floor(random() * 1e9).toString(36)}.`,
  ];
}

/// One file of a docket: its name, bytes, what it is and what its text should say.
export interface DocketFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly kind: 'campaign' | 'distinct' | 'broken' | 'image';
  /// Pages of a PDF (1 for other files that are read, 0 for broken files and images).
  readonly pages: number;
}

/// A docket of `count` attachments: about 30% the campaign letter (as PDF and as DOCX), 60%
/// distinct letters (PDF, DOCX, ODT, GB18030 text, of several pages), 5% broken files (a damaged
/// PDF, a damaged DOCX) and 5% images. Deterministic for a seed.
export async function docket(count: number, seed = 17): Promise<DocketFile[]> {
  const random = prng(seed);
  const campaignPdf = await pdfFile([campaignLetter.join('\n')]);
  const campaignDocx = await docxFile(campaignLetter);
  const files: DocketFile[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.3) {
      const pdf = i % 2 === 0;
      files.push({
        name: `campaign-${i}.${pdf ? 'pdf' : 'docx'}`,
        bytes: pdf ? campaignPdf : campaignDocx,
        kind: 'campaign',
        pages: 1,
      });
    } else if (roll < 0.9) {
      const letter = distinctLetter(i, random);
      const form = i % 4;
      if (form === 0) {
        const pages = 1 + Math.floor(random() * 4);
        const text = Array.from({ length: pages }, (_, p) => `${letter.join('\n')}\nPage ${p + 1}.`);
        files.push({ name: `letter-${i}.pdf`, bytes: await pdfFile(text), kind: 'distinct', pages });
      } else if (form === 1) {
        files.push({ name: `letter-${i}.docx`, bytes: await docxFile(letter), kind: 'distinct', pages: 1 });
      } else if (form === 2) {
        files.push({ name: `letter-${i}.odt`, bytes: odtFile(letter), kind: 'distinct', pages: 1 });
      } else {
        const zh = `第${(i % 30) + 1}条意见\n` + letter.join('\n');
        files.push({ name: `letter-${i}.txt`, bytes: gb18030File(zh), kind: 'distinct', pages: 1 });
      }
    } else if (roll < 0.95) {
      const pdf = i % 2 === 0;
      const good = pdf ? await pdfFile(['broken']) : await docxFile(['broken']);
      files.push({
        name: `broken-${i}.${pdf ? 'pdf' : 'docx'}`,
        bytes: good.subarray(0, Math.floor(good.length / 2)),
        kind: 'broken',
        pages: 0,
      });
    } else {
      files.push({ name: `photo-${i}.png`, bytes: pngFile(), kind: 'image', pages: 0 });
    }
  }
  return files;
}
