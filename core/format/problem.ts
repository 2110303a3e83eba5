/// The one kind of report the plain-text format gives about its input.

/// Something wrong with an imported law, at a 1-based line of its text. Import never throws on bad
/// text: it builds the best document it can and lists what it had to guess or move.
export interface LawProblem {
  readonly line: number;
  readonly message: string;
}
