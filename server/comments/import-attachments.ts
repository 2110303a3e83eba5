/// The files named by imported comments (`attachments` in CSV or JSONL), read from disk relative to
/// the imported file, checked by content and attached to their comments. A file that is missing,
/// too large or of a type Lifa does not take is a problem on its record's line, never an abort.
/// Importing again attaches nothing twice: a file already attached to the comment under the same
/// name is skipped, and one that was missing before is attached now.
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { sha256Hex } from '../attachments/blob-store.ts';
import { detectType } from '../attachments/detect.ts';
import { cleanFileName } from '../attachments/service.ts';
import type { AttachmentService } from '../attachments/service.ts';
import type { ImportProblem } from './import.ts';

/// A comment and the files its record names.
export interface AttachmentImportItem {
  /// The record's line in the imported file.
  readonly line: number;
  readonly commentId: number;
  /// Paths as written in the file.
  readonly paths: readonly string[];
}

/// Options of importAttachments.
export interface AttachmentImportOptions {
  /// The folder paths are relative to: the imported file's.
  readonly baseDir: string;
  /// Largest file taken, in bytes. Defaults to 100 MiB (a larger file is a problem on its line;
  /// a file within it that is too large to read is kept and marked unreadable by extraction).
  readonly maxFileBytes?: number;
  /// Told after each record with how many were handled and how many there are.
  readonly onProgress?: (done: number, total: number) => void;
}

/// What importAttachments did.
export interface AttachmentImportResult {
  readonly attached: number;
  /// Files already attached to their comment by an earlier import.
  readonly alreadyThere: number;
  readonly problems: readonly ImportProblem[];
}

/// Attach the files of `items` to their comments of `draftId`. Never throws for a bad file.
export async function importAttachments(
  service: AttachmentService,
  draftId: string,
  items: readonly AttachmentImportItem[],
  options: AttachmentImportOptions,
): Promise<AttachmentImportResult> {
  const max = options.maxFileBytes ?? 100 * 1024 * 1024;
  const problems: ImportProblem[] = [];
  let attached = 0;
  let alreadyThere = 0;
  let done = 0;
  for (const item of items) {
    const have = new Set(
      (await service.storage.attachments.ofComment(item.commentId)).map(
        (a) => `${a.fileName}\u0000${a.sha256}`,
      ),
    );
    const files = [];
    for (const written of item.paths) {
      const path = isAbsolute(written) ? written : resolve(options.baseDir, written);
      const problem = (message: string) =>
        problems.push({ line: item.line, message: `attachment ${written}: ${message}`, fatal: false });
      let bytes: Uint8Array;
      try {
        const info = await stat(path);
        if (!info.isFile()) {
          problem('not a file');
          continue;
        }
        if (info.size > max) {
          problem(`larger than ${Math.round(max / 1048576)} MiB; not imported`);
          continue;
        }
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problem(
          code === 'ENOENT' ? 'no such file; the comment is imported without it' : `cannot be read (${code})`,
        );
        continue;
      }
      const detected = detectType(bytes);
      if (!detected.ok) {
        problem(`${detected.reason}; not imported`);
        continue;
      }
      const fileName = cleanFileName(basename(written));
      if (have.has(`${fileName}\u0000${sha256Hex(bytes)}`)) {
        alreadyThere++;
        continue;
      }
      files.push({ fileName, bytes, detected: detected.value });
    }
    if (files.length) attached += (await service.attach(item.commentId, draftId, files)).length;
    options.onProgress?.(++done, items.length);
  }
  return { attached, alreadyThere, problems };
}
