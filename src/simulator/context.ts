import { Counts } from './counts';
import { FaultBook } from './faults';
import { SEEDED_CLIENTS } from './seed-data';
import { Tenant } from './tenant';
import { TokenStore } from './tokens';
import type { RuntimeConfig, TenantConfig } from './types';

export { Counts };

export type ResetOverrides = Partial<RuntimeConfig & TenantConfig>;

/** Everything a running simulator holds; `reset` swaps it back to the seed. */
export class SimContext {
  readonly tokens = new TokenStore(SEEDED_CLIENTS);
  readonly faults = new FaultBook();
  readonly counts = new Counts();
  tenant: Tenant;

  constructor(
    public config: RuntimeConfig,
    public tenantConfig: TenantConfig,
  ) {
    this.tenant = new Tenant(tenantConfig.seed, tenantConfig.agentCount);
  }

  /** Counts, faults, tokens and tenant back to the seed; config kept unless overridden. */
  reset(overrides: ResetOverrides = {}): void {
    const { seed, agentCount, ...runtime } = overrides;
    this.config = { ...this.config, ...runtime };
    this.tenantConfig = {
      seed: seed ?? this.tenantConfig.seed,
      agentCount: agentCount ?? this.tenantConfig.agentCount,
    };
    this.tenant = new Tenant(this.tenantConfig.seed, this.tenantConfig.agentCount);
    this.tokens.clear();
    this.faults.clear();
    this.counts.clear();
  }
}
