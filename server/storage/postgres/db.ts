/// The connection to PostgreSQL: a pool, numbers parsed as numbers, and PgDb — what every store of
/// this folder queries through, either the pool (each statement its own transaction) or the one
/// client of an open transaction.
import pg from 'pg';

const int8 = 20;

// BIGINT columns hold milliseconds and ids, all below 2^53: parsed as numbers, not strings.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
export function isPostgresUrl(url: string | undefined | null): url is string {
  return typeof url === 'string' && /^postgres(ql)?:\/\//i.test(url.trim());
}

/// Options of openPool.
export interface PoolOptions {
  /// Connections at most. Defaults to 10.
  readonly max?: number;
  /// How long to wait for a connection before failing, ms. Defaults to 5,000.
  readonly connectTimeout?: number;
}

/// A pool of connections to `url`. Idle connections that break (the server restarted) are dropped
/// and replaced on the next query.
export function openPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeout ?? 5000,
    idleTimeoutMillis: 30_000,
    types,
  });
  // An idle client losing its connection emits here; the pool removes it. Without a listener it
  // would crash the process.
  pool.on('error', () => {});
  // So does a client in use (its query fails too, and that failure is what the caller sees); the
  // pool does not listen on clients it has handed out, so every client gets a listener of its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/// A statement's text and, for the ones run on every keystroke, a name so that each connection
/// prepares it once.
export interface Sql {
  readonly text: string;
  readonly name?: string;
}

/// Where a store runs its statements.
export class PgDb {
  constructor(
    readonly pool: pg.Pool,
    /// The client of the open transaction, or null outside one.
    readonly client: pg.PoolClient | null = null,
  ) {}

  /// Whether this runs inside a transaction.
  get inTransaction(): boolean {
    return this.client !== null;
  }

  /// Run `sql` with `values`; resolves to the rows.
  async rows<R extends pg.QueryResultRow>(sql: string | Sql, values: readonly unknown[] = []): Promise<R[]> {
    return (await this.run<R>(sql, values)).rows;
  }

  /// The first row of `sql`, or undefined.
  async row<R extends pg.QueryResultRow>(
    sql: string | Sql,
    values: readonly unknown[] = [],
  ): Promise<R | undefined> {
    return (await this.run<R>(sql, values)).rows[0];
  }

  /// Run `sql`; resolves to how many rows it changed.
  async exec(sql: string | Sql, values: readonly unknown[] = []): Promise<number> {
    return (await this.run(sql, values)).rowCount ?? 0;
  }

  private run<R extends pg.QueryResultRow>(
    sql: string | Sql,
    values: readonly unknown[],
  ): Promise<pg.QueryResult<R>> {
    const config = typeof sql === 'string' ? { text: sql } : sql;
    return (this.client ?? this.pool).query<R>({ ...config, values: values as unknown[] });
  }

  /// Run `fn` in a transaction: this one when inside one, else a new one on a client of the pool,
  /// committed when `fn` resolves and rolled back when it rejects. With `lock`, first wait for every
  /// other transaction holding the advisory lock of that name (in any process) to end.
  async atomic<T>(fn: (db: PgDb) => Promise<T>, lock?: string): Promise<T> {
    if (this.client) {
      if (lock) await this.exec('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lock]);
      return fn(this);
    }
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const db = new PgDb(this.pool, client);
      if (lock) await db.exec('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lock]);
      const result = await fn(db);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        broken = rollback as Error; // the connection is gone: the pool must not hand it out again
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
