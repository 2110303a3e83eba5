/// Where the bytes of attachments live: a content-addressed store keyed by the SHA-256 of the bytes
/// (lower-case hex), so the same file sent by a thousand campaigners is kept once. The database
/// (storage/attachments.ts) says which comments refer to which file; the store only keeps bytes.
///
/// The interface is small and asynchronous so that other stores (a table in PostgreSQL, see
/// storage/postgres/attachments.ts; an S3-compatible bucket) stand in for the folder one without the
/// code above noticing.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from '../storage/interface.ts';
import type { PostgresStorage } from '../storage/postgres/storage.ts';

/// A content-addressed store of files.
export interface BlobStore {
  /// Keep `bytes`; resolves to their SHA-256 (hex). Storing bytes already there does nothing more.
  put(bytes: Uint8Array): Promise<string>;
  /// The bytes stored under `sha256`, or undefined when there are none.
  get(sha256: string): Promise<Uint8Array | undefined>;
  /// Whether bytes are stored under `sha256`.
  has(sha256: string): Promise<boolean>;
  /// Forget the bytes under `sha256`. Resolves to false when there were none.
  delete(sha256: string): Promise<boolean>;
}

/// The SHA-256 of `bytes`, as lower-case hex.
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/// Whether `value` is a SHA-256 in lower-case hex (64 characters).
export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

function checkKey(sha256: string): void {
  if (!isSha256(sha256)) throw new RangeError(`Not a SHA-256 key: ${sha256.slice(0, 80)}`);
}

/// Files in a folder (by default `attachments/` in the data folder), one file per content, under
/// two levels of folders named after the first four hex digits (`ab/cd/abcd…`), so no folder grows
/// past a few thousand entries. A file is written under a temporary name and renamed into place, so
/// a crash never leaves a half-written file under a hash.
export class FolderBlobStore implements BlobStore {
  constructor(
    /// The folder; created on the first write.
    readonly folder: string,
  ) {}

  /// The path of the file holding `sha256` (whether or not it exists). Throws RangeError for a bad key.
  pathOf(sha256: string): string {
    checkKey(sha256);
    return join(this.folder, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    if (!(await this.has(sha256))) return false;
    await rm(path, { force: true });
    return true;
  }
}

/// Files kept in memory, for a server whose database is in memory too (`:memory:`): gone when the
/// process ends, like the rest of its data.
export class MemoryBlobStore implements BlobStore {
  private readonly files = new Map<string, Uint8Array>();

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (!this.files.has(sha256)) this.files.set(sha256, Uint8Array.from(bytes));
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array | undefined> {
    checkKey(sha256);
    return this.files.get(sha256);
  }

  async has(sha256: string): Promise<boolean> {
    checkKey(sha256);
    return this.files.has(sha256);
  }

  async delete(sha256: string): Promise<boolean> {
    checkKey(sha256);
    return this.files.delete(sha256);
  }
}

/// Name of the folder of attachments inside the data folder.
export const attachmentFolderName = 'attachments';

/// The store of the data folder `dataDir`: `DIR/attachments`, or in memory for `:memory:`.
export function dataFolderBlobStore(dataDir: string): BlobStore {
  return dataDir === ':memory:'
    ? new MemoryBlobStore()
    : new FolderBlobStore(join(dataDir, attachmentFolderName));
}

/// Where the attachments of `store` keep their bytes: in the database itself on PostgreSQL (the
/// processes sharing it share no folder), else in the data folder `dataDir` (dataFolderBlobStore).
export function blobStoreFor(store: Storage, dataDir: string): BlobStore {
  return store.engine === 'postgres' ? (store as PostgresStorage).blobs : dataFolderBlobStore(dataDir);
}
