/// File and stream helpers shared by the commands. Every failure is a CliError naming the file.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { decodeLawBytes, isLanguage, parseLaw } from '../core/index.ts';
import type { Language, ParsedLaw } from '../core/index.ts';
import { CliError } from './errors.ts';

/// Read `path` as bytes. Throws CliError when it is missing, a directory, or unreadable.
export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new CliError(`cannot read ${path}: ${reason}`);
  }
}

/// Read and parse a plain-text law file. Throws CliError when the file cannot be read or is not UTF-8 text.
export function readLaw(path: string, language?: Language): ParsedLaw {
  const decoded = decodeLawBytes(readBytes(path));
  if (!decoded.ok)
    throw new CliError(`cannot read ${path}: line ${decoded.problem.line}: ${decoded.problem.message}`);
  return parseLaw(decoded.text, language ? { language } : {});
}

/// Validate a `--lang` value. Throws CliError for anything but zh or en.
export function languageOption(value: string | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (!isLanguage(value)) throw new CliError(`--lang must be zh or en, not "${value}"`);
  return value;
}

/// Validate a `--format` value against the allowed list. Throws CliError otherwise.
export function formatOption<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined) {
    if (fallback === undefined) throw new CliError(`--format is required (${allowed.join('|')})`);
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`--format must be one of ${allowed.join('|')}, not "${value}"`);
  }
  return value as T;
}

/// Write `data` to `path`, or to stdout when no path is given. Binary data needs a path. Chunks (an
/// iterable of strings, such as a streamed CSV) are written one by one as they are made.
export function writeOutput(
  data: string | Uint8Array | Iterable<string>,
  path: string | undefined,
  what = 'output',
): void {
  const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  if (path === undefined) {
    if (data instanceof Uint8Array) throw new CliError(`${what} is binary: give --out FILE`);
    for (const chunk of chunks) process.stdout.write(chunk);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    for (const chunk of chunks) {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else writeSync(fd, chunk);
    }
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/// writeOutput for data whose chunks come asynchronously (the CSV register, read from storage as it
/// is written): the same checks and errors, each chunk written as it comes.
export async function writeOutputAsync(
  data: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
  path: string | undefined,
  what = 'output',
): Promise<void> {
  if (!(typeof data === 'object' && Symbol.asyncIterator in data)) return writeOutput(data, path, what);
  if (path === undefined) {
    for await (const chunk of data) process.stdout.write(chunk);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    for await (const chunk of data) {
      try {
        writeSync(fd, chunk);
      } catch (error) {
        throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  } finally {
    closeSync(fd);
  }
}
