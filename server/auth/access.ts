/// Who may do what to a draft: the role a user holds on it, as the HTTP routes and the sync endpoint see it.
import type { Storage } from '../storage/interface.ts';
import type { DraftRecord } from '../storage/drafts.ts';
import type { User } from '../storage/users.ts';
import type { Role } from './roles.ts';

/// A draft together with the role the asking user holds on it.
export interface DraftAccess {
  readonly draft: DraftRecord;
  readonly role: Role;
}

/// The draft `draftId` and `user`'s role on it, or undefined when the draft does not exist, is deleted
/// (unless `includeDeleted`), or the user holds no role on it — three cases callers must not tell
/// apart to the user. Admins hold their membership role, or owner where they have none.
export async function draftAccess(
  storage: Storage,
  user: User,
  draftId: string,
  includeDeleted = false,
): Promise<DraftAccess | undefined> {
  const draft = await storage.drafts.get(draftId);
  if (!draft || (draft.deletedAt !== null && !includeDeleted)) return undefined;
  const role = (await storage.memberships.get(draftId, user.id)) ?? (user.isAdmin ? 'owner' : undefined);
  return role && { draft, role };
}
