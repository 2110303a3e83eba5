/// Stubs: comments whose text has no substance of its own — "See attached file(s)", "Please find
/// attached our comments", "详见附件", or nothing at all once greeting and sign-off are gone. Their
/// content, if any, is in an attachment, so text similarity says nothing about them: clustering
/// keeps them apart from every comment with substance.

/// Most words (a Chinese character counting as half a word) a comment pointing to an attachment may
/// have and still be a stub: 40.
export const maxStubWords = 40;

const attachmentReference =
  /\battach(?:ed|ments?|(?= (?:our|my|the|a|an|its|their|herewith)\b))\b|\benclos(?:ed|ures?)\b|\buploaded\b|\bsee (?:the )?(?:above|below|file|document|pdf|letter)|附件|附上|附后|见附|另附|随附/;

/// Whether a comment with fingerprint text `fingerprint` (see `fingerprintText`) is a stub: it has
/// no letter or digit at all, or it refers to an attachment (attached, enclosed, uploaded, 附件 …)
/// in at most `maxStubWords` words.
export function isStub(fingerprint: string): boolean {
  const words = countWords(fingerprint, maxStubWords + 1);
  if (words === 0) return true;
  return words <= maxStubWords && attachmentReference.test(fingerprint);
}

// Words in `text`, counting a CJK character as half a word, up to `limit` (counting stops there).
// Letters and digits are told apart from the rest as in a fingerprint text: ASCII letters and digits,
// and every character from U+00C0 up that is not punctuation or a space.
function countWords(text: string, limit: number): number {
  let words = 0;
  let halves = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80 && c <= 0x9fff) {
      inWord = false;
      if (++halves === 2) {
        halves = 0;
        if (++words >= limit) return words;
      }
    } else if (isLetter(c)) {
      if (!inWord && ++words >= limit) return words;
      inWord = true;
    } else inWord = false;
  }
  return words + halves;
}

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c < 0xc0) return false;
  // General punctuation, symbols and spaces.
  if ((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe30 && c <= 0xfe6f))
    return false;
  return !(c >= 0xff00 && c <= 0xff0f) && !(c >= 0xff1a && c <= 0xff20);
}
