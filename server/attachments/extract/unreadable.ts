/// The one error extraction throws on purpose: the file is kept, and marked "unreadable: REASON".

/// A file whose text cannot or must not be read; `reason` says why in a few words.
export class Unreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Unreadable';
  }
}

/// Limits extraction keeps inside the worker (the time and memory limits are the pool's).
export interface ExtractionLimits {
  /// Bytes all the entries of a DOCX or ODT may expand to. Defaults to 100 MiB.
  readonly maxUnzippedBytes: number;
  /// Largest ratio of expanded to compressed size of one entry over 1 MiB (a zip bomb is ~1000:1).
  /// Defaults to 200.
  readonly maxCompressionRatio: number;
  /// Entries of a DOCX or ODT. Defaults to 5,000.
  readonly maxZipEntries: number;
  /// Deepest nesting of XML elements. Defaults to 256.
  readonly maxXmlDepth: number;
  /// Pages of a PDF read. Defaults to 2,000.
  readonly maxPages: number;
  /// Characters of text from one file. Defaults to 20,000,000.
  readonly maxTextLength: number;
}

/// The default ExtractionLimits.
export const defaultExtractionLimits: ExtractionLimits = {
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxZipEntries: 5000,
  maxXmlDepth: 256,
  maxPages: 2000,
  maxTextLength: 20_000_000,
};

/// Throw Unreadable when `text` is longer than the limit.
export function checkTextLength(text: string, limits: ExtractionLimits): string {
  if (text.length > limits.maxTextLength) {
    throw new Unreadable(`its text is longer than ${limits.maxTextLength.toLocaleString('en')} characters`);
  }
  return text;
}
