/// File and stream helpers shared by the commands. Every failure is a CliError naming the file.
import { readFileSync, writeFileSync } from 'node:fs';
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

/// Write `data` to `path`, or to stdout when no path is given. Binary data needs a path.
export function writeOutput(data: string | Uint8Array, path: string | undefined, what = 'output'): void {
  if (path === undefined) {
    if (typeof data !== 'string') throw new CliError(`${what} is binary: give --out FILE`);
    process.stdout.write(data);
    return;
  }
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
