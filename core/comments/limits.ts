/// Limits of what people may write, shared by the server that enforces them and the pages that show them.

/// The longest public comment, in characters (UTF-16 code units, as `String.length` and the HTML
/// `maxlength` attribute count them). The public page shows it beside the comment box.
export const maxPublicCommentLength = 20_000;
