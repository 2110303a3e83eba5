import { describe, expect, it } from 'vitest';
import { fingerprintText, isStub, normalizeText } from '../../core/index.ts';

describe('normalizeText', () => {
  it('turns <br> into line breaks and block elements into paragraph breaks', () => {
    expect(
      normalizeText('Hello,<br/><br/>first line<br>second line<p>new paragraph</p><div>and another</div>'),
    ).toBe('Hello,\n\nfirst line\nsecond line\n\nnew paragraph\n\nand another');
  });

  it('drops other tags, Word markup, comments, scripts and styles', () => {
    expect(
      normalizeText(
        "<span style='padding-left: 30px'></span>Some <b>bold</b> and <o:p>Word</o:p> text<!-- hidden --><script>alert(1)</script><style>p{}</style>.",
      ),
    ).toBe('Some bold and Word text.');
  });

  it('keeps angle brackets that are not tags', () => {
    expect(normalizeText('if a < b and c > d then 3 <5')).toBe('if a < b and c > d then 3 <5');
  });

  it('decodes entities, also when they were encoded twice', () => {
    expect(normalizeText('Providers &amp; Services, it&#39;s the patient&rsquo;s choice')).toBe(
      "Providers & Services, it's the patient’s choice",
    );
    expect(normalizeText('Medicare &amp;amp; Medicaid &amp;rsquo;quoted&amp;#39;')).toBe(
      "Medicare & Medicaid ’quoted'",
    );
  });

  it('decodes entities after stripping tags, so encoded markup stays text', () => {
    expect(normalizeText('use &lt;b&gt; for bold')).toBe('use <b> for bold');
  });

  it('collapses spaces, trims lines and keeps at most one blank line between paragraphs', () => {
    expect(normalizeText('  one\u00a0\u00a0two \t three  \r\n\r\n\r\n\r\n  four\u3000\u3000five  \n')).toBe(
      'one two three\n\nfour five',
    );
  });

  it('removes zero-width characters and soft hyphens without splitting words', () => {
    expect(normalizeText('net\u200bwork se\u00adcurity\ufeff')).toBe('network security');
    expect(normalizeText('\u200b\n第一条\u3000为了保障网络安全\u200b')).toBe('第一条 为了保障网络安全');
  });

  it('leaves plain text as it is', () => {
    const text = 'Article 12 should say "operator", not "provider".\n\nSecond point.';
    expect(normalizeText(text)).toBe(text);
  });

  it('returns an empty string for empty or whitespace-only input', () => {
    expect(normalizeText('')).toBe('');
    expect(normalizeText(' <br/> &nbsp; ')).toBe('');
  });
});

describe('fingerprintText', () => {
  it('lower-cases, straightens quotes and dashes, and collapses lines into one', () => {
    expect(fingerprintText('The “Administrative Gender” – it’s\n\nWRONG')).toBe(
      'the "administrative gender" - it\'s wrong',
    );
  });

  it('turns full-width letters and digits into ASCII', () => {
    expect(fingerprintText('ＡＢＣ　１２３')).toBe('abc 123');
  });

  it('drops leading greetings', () => {
    expect(fingerprintText('Hello,<br/>Please keep article 5.')).toBe('please keep article 5.');
    expect(
      fingerprintText('Dear Centers for Medicare &amp; Medicaid Services (CMS),<br/><br/>Keep it.'),
    ).toBe('keep it.');
    expect(fingerprintText('To whom it may concern: keep it.')).toBe('keep it.');
    expect(fingerprintText('Hello, Dear CMS, keep it.')).toBe('keep it.');
    expect(fingerprintText('尊敬的国家网信办：\n您好！\n建议删除第十二条。')).toBe('建议删除第十二条。');
  });

  it('does not take a word that merely starts like a greeting', () => {
    expect(fingerprintText('Hierarchy matters here.')).toBe('hierarchy matters here.');
    expect(fingerprintText('His view: keep it.')).toBe('his view: keep it.');
  });

  it('drops trailing sign-offs with the signature after them', () => {
    expect(fingerprintText('Keep article 5.<br/><br/>Sincerely,<br/>Holly LaVesser')).toBe('keep article 5.');
    expect(fingerprintText('Keep article 5. Kind Regards, S. l. Gipson')).toBe('keep article 5.');
    expect(fingerprintText('Keep article 5. Thank you for your time in this matter.')).toBe(
      'keep article 5.',
    );
    expect(fingerprintText('Keep article 5.\n\nThank you,\nKerri Bruss')).toBe('keep article 5.');
    expect(fingerprintText('Keep article 5. Thank you.')).toBe('keep article 5.');
    expect(fingerprintText('建议保留第五条。\n此致\n敬礼！\n张三')).toBe('建议保留第五条。');
    expect(fingerprintText('建议保留第五条。谢谢！')).toBe('建议保留第五条。');
  });

  it('drops a signature block after a line of two dashes', () => {
    expect(
      fingerprintText(
        'Point one.\nPoint two.\n--\nThis submission may contain errors.\nSection 504 applies.',
      ),
    ).toBe('point one. point two.');
  });

  it('keeps thanks and closing words that are part of a sentence', () => {
    expect(fingerprintText('I thank you for nothing and oppose article 5')).toBe(
      'i thank you for nothing and oppose article 5',
    );
    expect(fingerprintText('Thank you. I oppose article 5 because it is vague.')).toBe(
      'thank you. i oppose article 5 because it is vague.',
    );
    expect(fingerprintText('Please answer with regards to article 5')).toBe(
      'please answer with regards to article 5',
    );
  });

  it('gives copies of a form letter the same fingerprint whatever their greeting and sign-off', () => {
    const body =
      'Patients have the right to clear and accurate knowledge about the sex of their chosen providers.';
    const a = fingerprintText(`Dear CMS,<br/><br/>${body}<br/><br/>Sincerely,<br/>Mary Smith`);
    const b = fingerprintText(`Hello,\n\n${body}\n\nRegards, John Chen`);
    const c = fingerprintText(`${body} Thank you!`);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('is empty for a comment that is only courtesy', () => {
    expect(fingerprintText('Hello,<br/>Thank you!')).toBe('');
  });
});

describe('isStub', () => {
  it('calls pointers to attachments stubs', () => {
    for (const text of [
      'See attached file(s)',
      'Please see the attached comments from the American Nurses Association',
      'Attached please find comments on behalf of UnitedHealth Group.',
      'Thank you for the opportunity to submit comments. Please refer to attached file.',
      'I attach our comments on the draft.',
      '意见详见附件。',
    ]) {
      expect(isStub(fingerprintText(text)), text).toBe(true);
    }
  });

  it('calls comments without letters or digits stubs', () => {
    expect(isStub(fingerprintText(''))).toBe(true);
    expect(isStub(fingerprintText('...'))).toBe(true);
    expect(isStub(fingerprintText('Hello, thank you!'))).toBe(true);
  });

  it('does not call short comments with substance stubs', () => {
    expect(isStub(fingerprintText('Reject this proposal.'))).toBe(false);
    expect(isStub(fingerprintText('建议删除第十二条。'))).toBe(false);
    expect(isStub(fingerprintText('We attach great importance to article 5 and want it kept.'))).toBe(false);
  });

  it('does not call a long comment a stub because it mentions an attachment', () => {
    const long = `See attached file(s). ${'The directory must record the verified sex of every provider. '.repeat(6)}`;
    expect(isStub(fingerprintText(long))).toBe(false);
  });
});
