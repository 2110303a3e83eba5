/// The clerk's one expected-failure type: a request naming a comment, cluster, template or version
/// that is not there, or asking for what cannot be done. Routes answer with `status` and the message;
/// the CLI prints the message and exits with 2.
export class ClerkError extends Error {
  constructor(
    message: string,
    /// 400 for a bad request, 404 for something missing, 409 for a conflict with the current state.
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'ClerkError';
  }
}
