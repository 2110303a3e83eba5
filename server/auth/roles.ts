/// Roles a user holds on one draft (DESIGN.md "Who uses it"). Owners and drafters edit the text;
/// reviewers, clerks and viewers read it (reviewers and clerks do their work in comments, not the text).

/// A role on a draft.
export type Role = 'owner' | 'drafter' | 'reviewer' | 'clerk' | 'viewer';

/// Every role, from most to least powerful.
export const roles: readonly Role[] = ['owner', 'drafter', 'reviewer', 'clerk', 'viewer'];

/// Whether `value` names a role.
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/// Whether `role` may change the text of the draft (and its title, and cut versions).
export function canWrite(role: Role): boolean {
  return role === 'owner' || role === 'drafter';
}

/// Whether `role` may manage the draft: set members' roles, delete and restore it.
export function canManage(role: Role): boolean {
  return role === 'owner';
}
