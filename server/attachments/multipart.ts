/// A comment sent as `multipart/form-data`: its fields (strings) and its files, all in the
/// `attachments` field. Every limit refused with a 4xx naming it — files per comment, bytes per
/// file, bytes per comment — and every file's type told by its content (415 naming the file that is
/// not one Lifa takes). The files are read into memory: at most the per-comment limit.
// The type of request.parts() comes with the plugin (registered in http/app.ts).
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { AttachmentLimits } from '../../core/index.ts';
import { describeForbidden, findForbiddenCharacter } from '../../core/index.ts';
import { HttpError } from '../http/errors.ts';
import { findForbiddenInJson } from '../http/text-check.ts';
import { detectType } from './detect.ts';
import type { IncomingFile } from './service.ts';

/// The form field that carries files.
export const attachmentField = 'attachments';

/// A multipart comment: its text fields (the last value of a field sent twice) and its files.
export interface CommentForm {
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly IncomingFile[];
}

/// Whether `request` is a multipart/form-data request.
export function isMultipart(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
}

const mib = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MiB`;

/// Read the multipart `request` within `limits`. Throws HttpError: 413 for a limit (naming it), 415
/// for a file of a type not taken (naming the file), 400 for a file in another field, a malformed
/// form, or a field or file name holding a control character or a lone surrogate.
export async function readCommentForm(
  request: FastifyRequest,
  limits: AttachmentLimits,
): Promise<CommentForm> {
  const fields: Record<string, string> = {};
  const files: IncomingFile[] = [];
  let total = 0;
  // Past the limit per comment the rest of the request is read and dropped (a client sending its
  // body waits for it to be read before it hears the answer); busboy's own limits bound it.
  let tooLarge = false;
  try {
    const parts = request.parts({
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: 40,
        fieldSize: 256 * 1024,
        parts: 100,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') throw new HttpError(400, `body.${part.fieldname}: must be text`);
        fields[part.fieldname] = part.value;
        continue;
      }
      const name = part.filename || 'attachment';
      if (part.fieldname !== attachmentField) {
        await drain(part.file);
        throw new HttpError(400, `body.${part.fieldname}: files go in the "${attachmentField}" field`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (total > limits.maxTotalBytes) tooLarge = true;
        if (!tooLarge) chunks.push(chunk);
      }
      if (tooLarge) continue;
      if (part.file.truncated) {
        throw new HttpError(
          413,
          `attachments: "${name}" is larger than ${mib(limits.maxFileBytes)}, the limit per file`,
          'attachment too large',
        );
      }
      const bytes = Buffer.concat(chunks, size);
      const detected = detectType(bytes);
      if (!detected.ok) {
        throw new HttpError(
          415,
          `attachments: "${name}" is ${detected.reason}`,
          'unsupported attachment type',
        );
      }
      files.push({ fileName: name, bytes, detected: detected.value });
    }
    if (tooLarge) {
      throw new HttpError(
        413,
        `attachments: together larger than ${mib(limits.maxTotalBytes)}, the limit per comment`,
        'attachments too large',
      );
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') {
      throw new HttpError(
        413,
        `attachments: more than ${limits.maxFiles} files, the limit per comment`,
        'too many attachments',
      );
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new HttpError(413, 'body: too many fields in the form');
    throw new HttpError(400, `body: not a readable form (${(error as Error).message})`);
  }
  // The fields and file names are held to the rules of any text sent as JSON (http/text-check.ts).
  const problem = findForbiddenInJson(fields);
  if (problem) throw new HttpError(400, problem);
  for (const [index, file] of files.entries()) {
    const bad = findForbiddenCharacter(file.fileName);
    if (bad)
      throw new HttpError(
        400,
        `attachments.${index}: the file name holds ${describeForbidden(bad)}; rename it`,
      );
  }
  return { fields, files };
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}
