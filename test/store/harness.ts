import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openStore, type Store } from '../../src/store';

/**
 * Runs one contract suite against every store this machine can reach: SQLite (a temp file) always, and
 * PostgreSQL when TEST_POSTGRES_URL is set. Each test gets its own database — a fresh file, or a fresh
 * PostgreSQL schema selected through search_path — so parallel runs never see each other's rows.
 */

export class FakeClock {
  constructor(public t = Date.parse('2025-03-01T09:00:00.000Z')) {}
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface StoreHarness {
  kind: 'sqlite' | 'postgres';
  /** DATABASE_URL of this test's database. */
  url: string;
  clock: FakeClock;
  /** The test's first store. */
  store: Store;
  /** Another Store on the same database: its own connection(s), like a second replica. Closed after the test. */
  open(): Promise<Store>;
}

export interface Backend {
  kind: StoreHarness['kind'];
  /** Creates an empty database and returns its URL and how to remove it. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

export const sqlite: Backend = {
  kind: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'agentstate-store-'));
    return {
      url: `sqlite:${join(dir, 'nested', 'store.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

export function postgres(baseUrl: string): Backend {
  return {
    kind: 'postgres',
    async create() {
      const schema = `agentstate_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`create schema "${schema}"`);
      } finally {
        await admin.end();
      }
      const url = new URL(baseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        url: url.toString(),
        async drop() {
          const client = new Client({ connectionString: baseUrl });
          await client.connect();
          try {
            await client.query(`drop schema if exists "${schema}" cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL?.trim() || undefined;

/**
 * `describe.each` over the reachable stores. Without TEST_POSTGRES_URL the PostgreSQL half is reported as a
 * skipped test (and a warning), never as a silent pass.
 */
export function describeEachStore(title: string, suite: (h: () => StoreHarness) => void): void {
  const backends = [sqlite, ...(POSTGRES_URL ? [postgres(POSTGRES_URL)] : [])];
  describe.each(backends.map((b) => [b.kind, b] as const))(`${title} on %s`, (_kind, backend) => {
    let current: StoreHarness | undefined;
    let opened: Store[] = [];
    let drop: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const db = await backend.create();
      drop = db.drop;
      const clock = new FakeClock();
      const open = async () => {
        const s = await openStore(db.url, { now: clock.now });
        opened.push(s);
        return s;
      };
      current = { kind: backend.kind, url: db.url, clock, store: await open(), open };
    });

    afterEach(async () => {
      await Promise.all(opened.map((s) => s.close()));
      opened = [];
      await drop?.();
      current = undefined;
    });

    suite(() => {
      if (!current) throw new Error('harness used outside a test');
      return current;
    });
  });

  if (!POSTGRES_URL) {
    console.warn(
      `[${title}] PostgreSQL half SKIPPED: TEST_POSTGRES_URL is not set ` +
        '(e.g. TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test). Only SQLite was tested.',
    );
    describe(`${title} on postgres`, () => {
      it.skip('runs only when TEST_POSTGRES_URL points at a PostgreSQL database', () => undefined);
    });
  }
}
