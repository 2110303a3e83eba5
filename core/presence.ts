/// How a person appears to the others editing a draft (presence): their name and a colour for their
/// cursor. The server sets both from the signed-in account, so nobody can appear as someone else;
/// the renderer uses the same colour for its own copy.

/// A person as presence shows them.
export interface PresenceUser {
  readonly name: string;
  readonly color: string;
}

const palette = ['#d1495b', '#00798c', '#edae49', '#66a182', '#8d5a97', '#2e4057', '#e07a5f', '#3d85c6'];

/// A stable colour (`#rrggbb`) for a user name.
export function userColor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.codePointAt(0)!) | 0;
  return palette[Math.abs(hash) % palette.length];
}

/// The presence of the user named `name`.
export function presenceUser(name: string): PresenceUser {
  return { name, color: userColor(name) };
}
