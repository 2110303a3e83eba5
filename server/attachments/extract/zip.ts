/// Reading a ZIP container (DOCX, ODT) without trusting it: every entry is expanded through a
/// counting stream that stops the moment the archive expands past the limit, or one large entry
/// expands far more than any document does (a zip bomb), so a 1 MB file that claims gigabytes never
/// gets them. The declared sizes are not trusted either way.
import { Unzip, UnzipInflate } from 'fflate';
import { Unreadable } from './unreadable.ts';
import type { ExtractionLimits } from './unreadable.ts';

/// Every entry of the ZIP archive `bytes` (name → expanded bytes). Throws Unreadable for a file
/// that is not a ZIP archive, is cut short, uses an unknown compression method, or breaks a limit.
export function readZip(bytes: Uint8Array, limits: ExtractionLimits): Map<string, Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  let count = 0;
  let failure: Unreadable | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++count > limits.maxZipEntries) {
      failure = new Unreadable(`a ZIP archive of more than ${limits.maxZipEntries} entries`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let expanded = 0;
    const compressed = file.size;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new Unreadable(`a damaged ZIP entry (${file.name}: ${error.message})`);
        return;
      }
      expanded += chunk.length;
      total += chunk.length;
      if (total > limits.maxUnzippedBytes) {
        failure = new Unreadable(
          `a zip bomb: it expands to more than ${Math.round(limits.maxUnzippedBytes / 1048576)} MiB`,
        );
        file.terminate();
        return;
      }
      if (
        compressed !== undefined &&
        expanded > 1024 * 1024 &&
        expanded > limits.maxCompressionRatio * Math.max(compressed, 1)
      ) {
        failure = new Unreadable(
          `a zip bomb: ${file.name} expands more than ${limits.maxCompressionRatio} times`,
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) entries.set(file.name, concat(chunks, expanded));
    };
    try {
      file.start();
    } catch (error) {
      failure = new Unreadable(`a ZIP entry compressed in an unknown way (${(error as Error).message})`);
    }
  });
  unzip.register(UnzipInflate);
  try {
    // Fed in slices, so a failure stops the work within one slice.
    const slice = 64 * 1024;
    for (let at = 0; at < bytes.length && !failure; at += slice) {
      const end = Math.min(at + slice, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch (error) {
    if (!failure) failure = new Unreadable(`a damaged ZIP archive (${(error as Error).message})`);
  }
  if (failure) throw failure;
  if (entries.size === 0) throw new Unreadable('an empty or damaged ZIP archive');
  return entries;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
