import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, StoreUnavailableError } from '../../src/store';
import { ensureDirectory } from '../../src/store/connect';

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('creating the directory of the SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentstate-dir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates every missing level, and is a no-op when it exists', () => {
    const target = join(dir, 'a', 'b', 'c');
    ensureDirectory(target);
    expect(existsSync(target)).toBe(true);
    expect(() => ensureDirectory(target)).not.toThrow();
  });

  it('names a level that is a file', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => ensureDirectory(join(dir, 'file', 'sub'))).toThrow(/file exists and is not a directory/);
  });

  // Node 20's recursive mkdir spins forever at 100 % CPU here (a level that cannot be created under an
  // existing parent); see test/process/bad-database-url.test.ts for the same through `agentstate serve`.
  onLinux('fails at once under /proc, naming the directory', () => {
    expect(() => ensureDirectory('/proc/agentstate-test/data')).toThrow(
      /cannot create the directory \/proc\/agentstate-test \(ENOENT\)/,
    );
  });

  onLinux('makes openStore fail with a message naming DATABASE_URL', async () => {
    const err = await openStore('sqlite:/proc/agentstate-test/data/app.db').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/^DATABASE_URL \(sqlite:\/proc\/agentstate-test\/data\/app\.db\)/);
    expect((err as Error).message).toContain('/proc/agentstate-test');
  });
});
