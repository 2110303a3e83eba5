/// The public comment page's API, no account needed:
/// `GET /api/public/drafts/:id` — the version published for comment, with its numbered articles, the
/// attachment limits and whether the proof-of-work check is on;
/// `GET /api/public/proof` — a new ALTCHA challenge for the form's widget;
/// `POST /api/public/drafts/:id/comments {articleId|null, body, name, contact?, organization?,
/// submitterType?, altcha?}` → 201 `{id, receipt, attachments}`, as JSON or as multipart/form-data
/// with the same fields and files in `attachments`.
///
/// Refusals: 404 for a draft not published for comment, 403 with the reason once the period has
/// closed, 429 with Retry-After beyond the per-address rate, 413 beyond the size limit (64 KiB of
/// JSON; for multipart, naming the attachment limit broken), 415 for a file of a type not taken, 400
/// for bad input and for a filled-in honeypot field (`website`, hidden from people; refused
/// generically), 400/403 for a
/// missing or invalid proof of work. The same comment sent twice in a row from the same address is
/// stored once (the second answer, 200, repeats the first receipt). Name and contact are kept
/// private (server/comments/privacy.ts).
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isValidId, randomId } from '../../../core/index.ts';
import { versionOutline } from '../../comments/articles.ts';
import { commentEvents } from '../../comments/events.ts';
import { ProofOfWork } from '../../comments/proof.ts';
import type { ProofOptions } from '../../comments/proof.ts';
import { readCommentRequest, takesMultipart } from '../../attachments/multipart.ts';
import { attachmentJson, attachmentLimitsJson } from '../../attachments/view.ts';
import { isAccepting } from '../../storage/comment-periods.ts';
import type { Storage as Store } from '../../storage/interface.ts';
import type { CommentPeriod } from '../../storage/comment-periods.ts';
import { submitterTypes } from '../../storage/submitters.ts';
import type { SubmitterType } from '../../storage/submitters.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, validate } from '../errors.ts';
import { checkCommentLength, commentBody, maxCommentLength } from './comments.ts';

/// Options of the public comment routes. Every field has a default.
export interface PublicCommentOptions {
  /// Comments an address may send at once. Defaults to 10.
  readonly burst?: number;
  /// After that, one more every this many milliseconds. Defaults to 6,000 (ten a minute).
  readonly refillInterval?: number;
  /// Largest request body, in bytes. Defaults to 256 KiB: room for a comment of the longest length
  /// (20,000 characters) even when every character takes 12 bytes of JSON (an escaped emoji).
  readonly bodyLimit?: number;
}

const params = z.object({ id: z.string() });

const optionalText = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).nullable().optional();

const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phone = /^\+?[0-9][0-9 ()./-]{4,28}[0-9]$/;

const publicComment = z.strictObject({
  articleId: z.string().refine(isValidId, 'must be an article id').nullable().optional(),
  body: commentBody,
  name: z
    .string()
    .max(200, 'must be at most 200 characters')
    .refine((n) => n.trim().length > 0, 'must not be blank'),
  contact: optionalText(200).refine(
    (c) => c === undefined || c === null || c.trim() === '' || email.test(c.trim()) || phone.test(c.trim()),
    'must be an email address or a phone number',
  ),
  organization: optionalText(300),
  submitterType: z
    .enum(submitterTypes as unknown as [SubmitterType, ...SubmitterType[]])
    .nullable()
    .optional(),
  /// The honeypot: hidden from people, so anything in it was put there by a program.
  website: z.string().max(2000).optional(),
  /// The ALTCHA widget's payload (base64 JSON), when the proof-of-work check is on.
  altcha: z.string().max(20_000).optional(),
});

/// The fields of a multipart form as the JSON body would carry them: an empty or "null" articleId
/// is the draft as a whole; empty optional fields are absent.
function formFields(fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'articleId') out[key] = value === '' || value === 'null' ? null : value;
    else if (value === '' && key !== 'body' && key !== 'name') continue;
    else out[key] = value;
  }
  return out;
}

/// The random secret kept in the meta table under `key`, made with `make` on first use: in one
/// transaction under a lock, so processes starting together on one database agree on it.
function metaSecret(storage: Store, key: string, make: () => string): Promise<string> {
  return storage.transaction(
    async (tx) => {
      const stored = await tx.meta.get(key);
      if (stored) return stored;
      const made = make();
      await tx.meta.set(key, made);
      return made;
    },
    { lock: `meta:${key}` },
  );
}

/// Address of a sender as stored: a keyed hash (the key is random per database, kept in its meta
/// table), never the address itself, and not reversible by hashing every address.
async function senderHasher(storage: Store): Promise<(ip: string) => string> {
  const secret = await metaSecret(storage, 'comment-sender-key', () => randomBytes(32).toString('base64'));
  return (ip) => createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 32);
}

/// The secret the proof-of-work challenges are signed with: random per database, in its meta table.
function proofSecret(storage: Store): Promise<string> {
  return metaSecret(storage, 'proof-secret', () => ProofOfWork.newSecret());
}

/// A receipt the commenter can quote: `LF-` and 12 letters and digits.
function newReceipt(): string {
  return `LF-${randomId().slice(0, 6)}-${randomId().slice(0, 6)}`.toUpperCase();
}

/// Register the public routes (no authentication). Resolves once the database's secrets are read.
export async function publicRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: PublicCommentOptions = {},
  proofOptions: ProofOptions | 'off' = {},
): Promise<void> {
  const { store } = ctx;
  // Shared by every process through Redis when there is one.
  const buckets = ctx.rateLimiter('public-comments', options.burst ?? 10, options.refillInterval ?? 6000);
  const events = commentEvents(store);
  const senderOf = await senderHasher(store);
  const proof = proofOptions === 'off' ? null : new ProofOfWork(await proofSecret(store), proofOptions);

  app.get('/api/public/proof', async (_request, reply) => {
    if (!proof) throw new HttpError(404, 'the proof-of-work check is off on this server');
    reply.header('cache-control', 'no-store');
    return proof.challenge();
  });

  /// The draft `id` and its period. Throws HttpError 404 unless the draft exists and was published.
  const published = async (
    id: string,
  ): Promise<{ period: CommentPeriod; title: string; language: 'zh' | 'en' }> => {
    const draft = isValidId(id) ? await store.drafts.get(id) : undefined;
    const period = draft && draft.deletedAt === null ? await store.commentPeriods.get(id) : undefined;
    if (!draft || !period) throw new HttpError(404, 'this draft is not published for comment');
    return { period, title: draft.title, language: draft.language };
  };

  const closedReason = (period: CommentPeriod): string => {
    const at = period.open ? period.closesAt : period.closedAt;
    return at === null
      ? 'the comment period is closed'
      : `the comment period closed on ${new Date(at).toISOString()}`;
  };

  app.get('/api/public/drafts/:id', async (request, reply) => {
    const { id } = validate(params, request.params, 'params');
    const { period, title, language } = await published(id);
    const version = (await store.versions.get(id, period.versionId))!;
    const outline = (await versionOutline(store, id, period.versionId))!;
    const accepting = isAccepting(period);
    reply.header('cache-control', 'no-store');
    return {
      id,
      title: outline.title || title,
      language,
      version: { id: version.id, label: version.label, createdAt: new Date(version.createdAt).toISOString() },
      open: accepting,
      closesAt: period.closesAt === null ? null : new Date(period.closesAt).toISOString(),
      closedReason: accepting ? null : closedReason(period),
      attachments: attachmentLimitsJson(ctx.attachmentLimits),
      proof: proof
        ? { required: true, challenge: '/api/public/proof' }
        : { required: false, challenge: null },
      preamble: outline.preamble,
      divisions: outline.divisions.map((d) => ({
        kind: d.kind,
        id: d.id,
        label: d.label,
        heading: d.heading,
        parentId: d.parentId,
        pos: d.pos,
      })),
      articles: outline.articles.map((a) => ({
        id: a.id,
        number: a.number,
        label: a.label,
        paragraphs: a.paragraphs,
        text: a.text,
        pos: a.pos,
      })),
    };
  });

  const bodyLimit = options.bodyLimit ?? 256 * 1024;
  app.post(
    '/api/public/drafts/:id/comments',
    {
      bodyLimit,
      config: {
        ...takesMultipart,
        tooLarge: `the comment is too long: at most ${maxCommentLength.toLocaleString('en-US')} characters (the request is over ${bodyLimit} bytes)`,
      },
    },
    async (request, reply) => {
      const { id } = validate(params, request.params, 'params');
      const { period } = await published(id);
      if (!isAccepting(period)) throw new HttpError(403, closedReason(period));
      const allowed = await buckets.take(request.ip);
      if (!allowed.ok) {
        reply.header('retry-after', String(allowed.retryAfterSeconds));
        throw new HttpError(
          429,
          `too many comments from your address; retry in ${allowed.retryAfterSeconds} seconds`,
        );
      }
      const { body: raw, files } = await readCommentRequest(request, ctx.attachmentLimits, formFields);
      const body = validate(publicComment, raw);
      checkCommentLength(body.body);
      if (proof) {
        const refused = await proof.verify(body.altcha);
        if (refused) throw new HttpError(refused.status, refused.detail);
      }
      // Refused without saying why: a bot must not learn which field gave it away.
      if (body.website) throw new HttpError(400, 'the comment could not be accepted');
      const articleId = body.articleId ?? null;
      if (articleId !== null) {
        const outline = (await versionOutline(store, id, period.versionId))!;
        if (!outline.articles.some((a) => a.id === articleId)) {
          throw new HttpError(400, `body.articleId: the published version has no article ${articleId}`);
        }
      }
      const sender = senderOf(request.ip);
      const contact = body.contact?.trim() || null;
      const organization = body.organization?.trim() || null;
      const type = body.submitterType ?? null;
      const staged = await ctx.attachments.stage(files);
      const hashes = staged.map((f) => f.sha256).join(',');

      // The duplicate check and the comment in one transaction under the sender's lock: the same
      // form sent twice at once (a double click, a retry), to one process or two, is stored once.
      const save = () =>
        store.transaction(
          async (tx) => {
            const last = await tx.comments.lastBySender(id, sender);
            if (
              last &&
              (await tx.attachments.ofComment(last.id)).map((a) => a.sha256).join(',') === hashes &&
              last.kind === 'public' &&
              last.articleId === articleId &&
              last.body === body.body &&
              last.submitter?.name === body.name.trim() &&
              last.submitter.contact === contact &&
              (organization === null || last.submitter.organization === organization) &&
              (type === null || last.submitter.type === type)
            ) {
              return { comment: last, duplicate: true };
            }
            const submitter = await tx.submitters.resolve(id, {
              name: body.name,
              contact,
              organization,
              type,
            });
            const comment = await tx.comments.create({
              draftId: id,
              kind: 'public',
              articleId,
              versionId: period.versionId,
              body: body.body,
              submitterId: submitter.id,
              receipt: newReceipt(),
              sender,
            });
            await ctx.attachments.link(tx, comment.id, id, staged);
            return { comment, duplicate: false };
          },
          { lock: `public-sender:${id}:${sender}` },
        );
      let outcome: Awaited<ReturnType<typeof save>>;
      try {
        outcome = await save();
      } catch (error) {
        await ctx.attachments.discard(staged);
        throw error;
      }
      const listed = async () =>
        (await store.attachments.ofComment(outcome.comment.id)).map((a) =>
          attachmentJson(a, 'public', 'public'),
        );
      if (outcome.duplicate) {
        return reply.code(200).send({
          id: String(outcome.comment.id),
          receipt: outcome.comment.receipt,
          duplicate: true,
          attachments: await listed(),
        });
      }
      proof?.recordIntake();
      ctx.attachments.kick();
      await ctx.attachments.updateCitedArticles([outcome.comment.id]);
      await store.audit.record('public.comment', null, id, {
        comment: outcome.comment.id,
        ...(files.length ? { attachments: files.length } : {}),
      });
      events.emit('comment.created', (await store.comments.get(outcome.comment.id))!);
      return reply.code(201).send({
        id: String(outcome.comment.id),
        receipt: outcome.comment.receipt,
        attachments: await listed(),
      });
    },
  );
}
