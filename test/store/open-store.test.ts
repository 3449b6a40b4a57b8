import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, redactDatabaseUrl, StoreUnavailableError } from '../../src/store';
import { type Backend, POSTGRES_URL, postgres, sqlite } from './harness';

async function openError(url: string): Promise<StoreUnavailableError> {
  const err = await openStore(url).then(
    async (store) => {
      await store.close();
      throw new Error(`expected ${url} to fail`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreUnavailableError);
  return err as StoreUnavailableError;
}

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentstate-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the parent directories of a SQLite file', async () => {
    const file = join(dir, 'a', 'b', 'agentstate.db');
    const store = await openStore(`sqlite:${file}`);
    try {
      expect(store.kind).toBe('sqlite');
      expect(existsSync(file)).toBe(true);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('accepts an in-memory SQLite database for throwaway runs', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      expect(
        await store.subscriptions.add({ channelId: 'C1', agentId: 'a', agentName: 'A', createdBy: 'U1' }),
      ).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('reports not ready once closed, and closing twice is harmless', async () => {
    const store = await openStore(`sqlite:${join(dir, 'x.db')}`);
    await store.close();
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('fails with StoreUnavailableError naming DATABASE_URL when the SQLite directory cannot be created', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'plain file');
    const err = await openError(`sqlite:${file}/sub/agentstate.db`);
    expect(err.code).toBe('store_unavailable');
    expect(err.message).toContain('DATABASE_URL');
    expect(err.message).toContain(`${file}/sub/agentstate.db`);
    expect(err.message).toMatch(/ENOTDIR|not a directory/i);
  });

  it('fails naming DATABASE_URL and the reason, without the password, when PostgreSQL is unreachable', async () => {
    const err = await openError('postgres://nobody:s3cret-pw@127.0.0.1:1/x');
    expect(err.message).toContain('DATABASE_URL (postgres://nobody:***@127.0.0.1:1/x)');
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).not.toContain('s3cret-pw');
    expect(err.databaseUrl).not.toContain('s3cret-pw');
  });

  it('rejects a URL that is neither sqlite: nor postgres://, still hiding its password', async () => {
    const err = await openError('mysql://root:pw@localhost/db');
    expect(err.message).toMatch(
      /^DATABASE_URL \(mysql:\/\/root:\*\*\*@localhost\/db\).*sqlite:<path> or postgres/,
    );
  });

  (POSTGRES_URL ? it : it.skip)(
    'fails naming the missing database when PostgreSQL answers but has no such database',
    async () => {
      const url = new URL(POSTGRES_URL ?? 'postgres://localhost/x');
      url.pathname = '/agentstate_no_such_database';
      url.password = 'hunter22';
      const err = await openError(url.toString());
      expect(err.message).toContain('agentstate_no_such_database');
      expect(err.message).not.toContain('hunter22');
    },
  );

  (POSTGRES_URL ? it : it.skip)(
    'migrates even while other deployments sharing the database drop their schemas',
    async () => {
      // Kysely's migrator introspects every schema; one vanishing mid-query must not fail our start-up.
      const pg = postgres(POSTGRES_URL ?? '');
      const churn = async () => {
        for (let i = 0; i < 6; i++) {
          const other = await pg.create();
          await (await openStore(other.url)).close(); // tables make the drop slow enough to overlap
          await other.drop();
        }
      };
      const ours = await Promise.all(Array.from({ length: 12 }, () => pg.create()));
      try {
        const opens = async () => {
          for (const db of ours) await (await openStore(db.url)).close();
        };
        const results = await Promise.allSettled([opens(), churn(), churn(), churn()]);
        expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      } finally {
        await Promise.all(ours.map((db) => db.drop()));
      }
    },
  );
});

describe.each(
  [sqlite, ...(POSTGRES_URL ? [postgres(POSTGRES_URL)] : [])].map((b): [string, Backend] => [b.kind, b]),
)('starting replicas together on %s', (_kind, backend) => {
  it('migrates a fresh database once while several stores open it at the same time', async () => {
    const db = await backend.create();
    const stores = await Promise.all([openStore(db.url), openStore(db.url), openStore(db.url)]);
    try {
      await stores[0]!.leases.tryAcquire('watcher', 'a', 1000);
      for (const s of stores) expect((await s.leases.current('watcher'))?.holder).toBe('a');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await db.drop();
    }
  });
});

describe('redactDatabaseUrl', () => {
  it.each([
    ['postgres://u:secret@db.internal:5432/app', 'postgres://u:***@db.internal:5432/app'],
    [
      'postgresql://u@db/app?password=secret&sslmode=require',
      'postgresql://u@db/app?password=***&sslmode=require',
    ],
    ['postgres://u@db/app', 'postgres://u@db/app'],
    ['sqlite:./data/agentstate.db', 'sqlite:./data/agentstate.db'],
  ])('shows %s as %s', (input, shown) => {
    expect(redactDatabaseUrl(input)).toBe(shown);
  });
});
