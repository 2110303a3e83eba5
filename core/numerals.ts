/// Numerals as legislation writes them: Chinese (第一百零一条), Roman (Chapter XIV), Latin letters ((a)).

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const units = ['', '十', '百', '千'];

/// The Chinese numeral for `n`, as statutes write article numbers: 十, 十一, 二十, 一百, 一百零一,
/// 一百一十, 一千, 一千零一, 一千零一十, 一千一百, 一万零一. Throws RangeError unless 1 ≤ n ≤ 99,999,999.
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999_999) throw new RangeError(`No Chinese numeral for ${n}`);
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  if (high === 0) return fourDigits(low, true);
  let text = fourDigits(high, true) + '万';
  if (low === 0) return text;
  // A gap in the thousands place is read as 零: 一万零一百.
  if (low < 1000) text += '零';
  return text + fourDigits(low, false);
}

// Writes 1..9999. `leading` says whether the group starts the numeral, where 一十 is shortened to 十.
function fourDigits(n: number, leading: boolean): string {
  let text = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (text) pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    if (!(d === 1 && place === 1 && text === '' && leading)) text += digits[d];
    text += units[place];
  }
  return text;
}

const chineseDigitValue: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const chineseUnitValue: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/// The value of a Chinese numeral (一百零一 → 101, 十二 → 12), or null when `text` is not one.
export function parseChineseNumeral(text: string): number | null {
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // Digit-by-digit numerals without units (一〇一, as years are written).
  if (text.length > 1 && [...text].every((ch) => ch in chineseDigitValue && ch !== '两')) {
    const value = Number([...text].map((ch) => chineseDigitValue[ch]).join(''));
    return value > 0 ? value : null;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in chineseDigitValue) {
      digit = chineseDigitValue[ch];
    } else if (ch in chineseUnitValue) {
      section += (digit ?? 1) * chineseUnitValue[ch];
      digit = null;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  const value = total + section + (digit ?? 0);
  return value > 0 ? value : null;
}

const romanTable: ReadonlyArray<readonly [number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/// The Roman numeral for `n` (14 → XIV). Throws RangeError unless 1 ≤ n ≤ 3999.
export function romanNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(`No Roman numeral for ${n}`);
  let text = '';
  for (const [value, symbol] of romanTable) {
    while (n >= value) {
      text += symbol;
      n -= value;
    }
  }
  return text;
}

/// The value of a Roman numeral (case-insensitive), or null when `text` is not a well-formed one.
export function parseRomanNumeral(text: string): number | null {
  const upper = text.toUpperCase();
  if (!/^[MDCLXVI]+$/.test(upper)) return null;
  let value = 0;
  let rest = upper;
  for (const [n, symbol] of romanTable) {
    while (rest.startsWith(symbol)) {
      value += n;
      rest = rest.slice(symbol.length);
    }
  }
  return value > 0 && value <= 3999 && romanNumeral(value) === upper ? value : null;
}

/// Latin letter numbering: 1 → a, 26 → z, 27 → aa. Throws RangeError for n < 1.
export function letterNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No letter numeral for ${n}`);
  let text = '';
  while (n > 0) {
    n--;
    text = String.fromCharCode(97 + (n % 26)) + text;
    n = Math.floor(n / 26);
  }
  return text;
}

/// The value of a letter numeral (a → 1, aa → 27), or null.
export function parseLetterNumeral(text: string): number | null {
  if (!/^[a-z]+$/i.test(text)) return null;
  let n = 0;
  for (const ch of text.toLowerCase()) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n;
}

// English ordinal words, as amending instructions and citations write paragraph numbers.
const ones = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const tens = ['', '', 'twent', 'thirt', 'fort', 'fift', 'sixt', 'sevent', 'eight', 'ninet'];

/// "first", "second", …, "twenty-first", …; "100th" from a hundred on.
export function ordinalWord(n: number): string {
  if (n < 20) return ones[n];
  if (n >= 100) return `${n}th`;
  const ten = Math.floor(n / 10);
  const one = n % 10;
  return one === 0 ? `${tens[ten]}ieth` : `${tens[ten]}y-${ones[one]}`;
}
