/// Members of a draft: `GET /api/drafts/:id/members`, `PUT /api/drafts/:id/members/:username {role}`,
/// `DELETE /api/drafts/:id/members/:username`. Only owners change roles; a draft keeps at least one owner.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { roles } from '../../auth/roles.ts';
import type { Role } from '../../auth/roles.ts';
import type { Storage as Store } from '../../storage/interface.ts';
import { requireDraft } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';

const params = z.object({ id: z.string(), username: z.string() });
const body = z.strictObject({ role: z.enum(roles as [Role, ...Role[]]) });

/// Register the member routes (under requireAuth).
export function memberRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, rooms } = ctx;

  app.get('/api/drafts/:id/members', async (request) => {
    const { id } = validate(z.object({ id: z.string() }), request.params, 'params');
    await requireDraft(store, request, id, 'read');
    return store.memberships.list(id);
  });

  const findUser = async (username: string) => {
    const user = await store.users.byName(username);
    if (!user) throw new HttpError(404, `no user ${username}`);
    return user;
  };

  // Checked and changed in one transaction under the draft's lock, so two requests at once cannot
  // each take away one of the last two owners.
  const keepAnOwner = async (tx: Store, id: string, userId: number) => {
    if ((await tx.memberships.get(id, userId)) === 'owner' && (await tx.memberships.owners(id)) <= 1) {
      throw new HttpError(409, 'a draft needs at least one owner: make someone else owner first');
    }
  };

  app.put('/api/drafts/:id/members/:username', async (request) => {
    const { id, username } = validate(params, request.params, 'params');
    await requireDraft(store, request, id, 'manage');
    const { role } = validate(body, request.body);
    const user = await findUser(username);
    await store.transaction(
      async (tx) => {
        if (role !== 'owner') await keepAnOwner(tx, id, user.id);
        await tx.memberships.set(id, user.id, role);
        await tx.audit.record('member.set', request.user!.id, id, { username, role });
      },
      { lock: `members:${id}` },
    );
    rooms.setRole(id, user.id, role);
    return { username: user.username, role };
  });

  app.delete('/api/drafts/:id/members/:username', async (request, reply) => {
    const { id, username } = validate(params, request.params, 'params');
    await requireDraft(store, request, id, 'manage');
    // The same answer for an unknown user as for one who is not a member: nobody learns who has an account.
    const notMember = new HttpError(404, `${username} holds no role on this draft`);
    const user = await store.users.byName(username);
    if (!user) throw notMember;
    await store.transaction(
      async (tx) => {
        await keepAnOwner(tx, id, user.id);
        if (!(await tx.memberships.remove(id, user.id))) throw notMember;
        await tx.audit.record('member.remove', request.user!.id, id, { username });
      },
      { lock: `members:${id}` },
    );
    rooms.setRole(id, user.id, user.isAdmin ? 'owner' : undefined);
    return reply.code(204).send();
  });
}
