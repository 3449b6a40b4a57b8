import type { DoctorCheck } from '../agentstate/doctor';
import type { OperationGuard } from '../agentstate/operation-guard';
import type { SessionService } from '../agentstate/sessions';
import type { AgentStateService } from '../agentstate/types';
import type { Env } from '../config';
import type { AuditLog } from '../store';
import type { CliIo } from './io';

/**
 * What the composition root hands the CLI: the service layer of the connected CXone dialect, built lazily
 * and only once. `service` speaks the tutorial's skill-login model (v2); `sessions` the session model of a
 * real tenant (incontact).
 */
export type CliServices = CliCommon &
  ({ dialect: 'v2'; service: AgentStateService } | { dialect: 'incontact'; sessions: SessionService });

export type V2Services = Extract<CliServices, { dialect: 'v2' }>;
export type SessionServices = Extract<CliServices, { dialect: 'incontact' }>;

export interface CliCommon {
  /** One line saying what the CLI is connected to, for `doctor` (no secrets). */
  connectionSummary: string;
  /** `doctor`: every check of the connection in order, each reported as it finishes. */
  doctor(onCheck: (check: DoctorCheck) => void): Promise<DoctorCheck[]>;
  /** Who is acting, for the audit trail (`cli:<os user>`). */
  actor: string;
  /**
   * The store-backed guard and audit log, opened on first use: read-only commands never touch
   * DATABASE_URL, so `status` works even when the database is unreachable.
   */
  changes(): Promise<{ guard: OperationGuard; audit: AuditLog }>;
  close(): Promise<void>;
}

export interface SimulatorCommandOptions {
  /** Which CXone API the simulator speaks. */
  dialect: 'v2' | 'incontact';
  port: number;
  agents: number;
  propagationDelayMs: number;
  latencyMs: number;
  tokenTtlSeconds: number;
}

export interface DevCommandOptions {
  /** The sandbox page's port (0 picks a free one). */
  port: number;
  /** Which CXone API the sandbox's simulator speaks and the app uses. */
  dialect: 'v2' | 'incontact';
  /** incontact: the app may start sessions as agents (else it asks them to log in). */
  impersonation: boolean;
}

export interface CliContext {
  io: CliIo;
  env: Env;
  services(): Promise<CliServices>;
  /** Runs the Slack app until SIGINT/SIGTERM. */
  serve(): Promise<void>;
  /** Runs the CXone simulator until SIGINT/SIGTERM. */
  simulator(opts: SimulatorCommandOptions): Promise<void>;
  /** Runs the local Slack sandbox (simulator + app + page) until SIGINT/SIGTERM. */
  dev(opts: DevCommandOptions): Promise<void>;
}
