import { Counts } from '../counts';
import { FaultBook } from '../faults';
import { ACCESS_KEYS, APP_REGISTRATIONS } from './seed-data';
import { IcTenant } from './tenant';
import { IcTokens } from './tokens';
import type { IncontactRuntimeConfig, IncontactSettings, IncontactTenantConfig } from './types';

/** Everything a running incontact simulator holds; `reset` swaps it back to the seed. */
export class IncontactContext {
  readonly tokens = new IcTokens();
  readonly faults = new FaultBook();
  readonly counts = new Counts();
  readonly applications = APP_REGISTRATIONS;
  readonly accessKeys = ACCESS_KEYS;
  tenant: IcTenant;
  /** The listening URL, set once the server listens; discovery prefers the request's `Host`. */
  baseUrl = '';

  constructor(
    public config: IncontactRuntimeConfig,
    public tenantConfig: IncontactTenantConfig,
  ) {
    this.tenant = new IcTenant(tenantConfig.seed, tenantConfig.agentCount);
  }

  get settings(): IncontactSettings {
    return { ...this.tenantConfig, ...this.config };
  }

  /** Counts, faults, tokens and tenant back to the seed; settings kept unless overridden. */
  reset(overrides: Partial<IncontactSettings> = {}): void {
    const { seed, agentCount, ...runtime } = overrides;
    this.config = { ...this.config, ...runtime };
    this.tenantConfig = {
      seed: seed ?? this.tenantConfig.seed,
      agentCount: agentCount ?? this.tenantConfig.agentCount,
    };
    this.tenant = new IcTenant(this.tenantConfig.seed, this.tenantConfig.agentCount);
    this.tokens.clear();
    this.faults.clear();
    this.counts.clear();
  }
}
