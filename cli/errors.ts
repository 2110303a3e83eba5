/// The CLI's one expected-failure type: bad arguments, unreadable files, invalid input.
/// main() prints its message as one line on stderr and exits with `exitCode` (2 unless given).
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
