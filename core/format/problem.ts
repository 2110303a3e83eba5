/// The one kind of report the plain-text format gives about its input.

/// Something wrong with an imported law, at a 1-based line of its text. Import never throws on bad
/// text: it builds the best document it can and lists what it had to guess or move.
export interface LawProblem {
  readonly line: number;
  readonly message: string;
}

/// Thrown by parseLaw when the text has more articles than its `maxArticles` option allows. Reading
/// stops at the first article over the limit, so a huge text costs little to refuse.
export class LawTooLongError extends Error {
  constructor(
    /// The limit that was exceeded.
    readonly maxArticles: number,
    /// The line of the first article over it.
    readonly line: number,
  ) {
    super(`The text has more than ${maxArticles} articles (line ${line} starts article ${maxArticles + 1})`);
    this.name = 'LawTooLongError';
  }
}
