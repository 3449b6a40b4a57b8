/**
 * A small seeded PRNG so the tenant is the same on every run with the same seed: tests and the banner can
 * name agents, and a bug report from a local run can be reproduced. Not for anything secret — tokens use
 * node:crypto instead.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in a random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** A version-4-shaped UUID (version nibble 4, RFC 4122 variant), drawn from this generator. */
  uuid(): string;
}

/** mulberry32: tiny, fast and well distributed enough for fake data. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return {
    next,
    int,
    pick: (items) => {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const swap = out[i] as T;
        out[i] = out[j] as T;
        out[j] = swap;
      }
      return out;
    },
    // Four 32-bit words rather than 16 bytes: a 10,000-agent tenant makes tens of thousands of these and
    // per-byte arrays and strings made start-up GC-bound.
    uuid: () => {
      const word = () => Math.floor(next() * 0x1_0000_0000);
      const hex = (w: number) => (w >>> 0).toString(16).padStart(8, '0');
      const a = hex(word());
      const b = hex((word() & 0xffff0fff) | 0x00004000);
      const c = hex((word() & 0x3fffffff) | 0x80000000);
      const d = hex(word());
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    },
  };
}
