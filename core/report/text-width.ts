/// How wide a short text (a label, a column head) sets, estimated without a font and erring wide, so
/// that what is sized by it is never too narrow: full-width characters (CJK, full-width punctuation)
/// and the widest letters (m, w) take 1 em, capitals and digits 0.71 em, other characters 0.58 em.

const fullWidth =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/// The width of `text` in ems.
export function textWidthEm(text: string): number {
  // Summed in twelfths of an em, exact in floating point.
  let twelfths = 0;
  for (const char of text) {
    if (fullWidth.test(char) || /[mwMW]/.test(char)) twelfths += 12;
    else if (/[A-Z0-9]/.test(char)) twelfths += 8.5;
    else twelfths += 7;
  }
  return twelfths / 12;
}
