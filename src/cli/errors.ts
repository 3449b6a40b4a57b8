import { InvalidTargetError } from '../agentstate/types';
import { ConfigError } from '../config';
import { CxoneError, InvalidInputError } from '../cxone/errors';
import { StoreUnavailableError } from '../store/errors';
import { CliExit, type CliIo, ExitCode, jsonText } from './io';

/**
 * One place that turns any failure into what the user sees and the exit code: 2 for bad usage or input
 * (nothing was changed), 1 for a failed operation (CXone error, verification failed).
 */
export function reportFailure(io: CliIo, err: unknown, json: boolean): ExitCode {
  const { code, message, detail, errorCode } = describe(err);
  if (json) {
    io.stdout.write(`${jsonText({ ok: false, error: { code: errorCode, message, detail } })}\n`);
  } else {
    io.stderr.write(`agentstate: ${message}\n${detail ? `${detail}\n` : ''}`);
  }
  return code;
}

function describe(err: unknown): { code: ExitCode; message: string; detail?: string; errorCode: string } {
  if (err instanceof CliExit) return { code: err.code, message: err.message, errorCode: 'cli' };
  if (err instanceof ConfigError) {
    return { code: ExitCode.usage, message: `invalid configuration: ${err.message}`, errorCode: 'config' };
  }
  if (err instanceof InvalidInputError) {
    return { code: ExitCode.usage, message: err.message, errorCode: err.code };
  }
  if (err instanceof InvalidTargetError) {
    const options = err.options.map((o) => `  ${o.id}  ${o.name}`).join('\n');
    return {
      code: ExitCode.usage,
      message: err.message,
      detail: options ? `Valid ${err.field} choices:\n${options}` : undefined,
      errorCode: 'invalid_target',
    };
  }
  if (err instanceof StoreUnavailableError) {
    return { code: ExitCode.failed, message: err.message, errorCode: err.code };
  }
  if (err instanceof CxoneError) {
    const req = err.requestId ? ` (request id ${err.requestId})` : '';
    return {
      code: ExitCode.failed,
      message: `${err.message}${req}`,
      detail: err.remediation,
      errorCode: err.code,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: ExitCode.failed, message: `unexpected error: ${message}`, errorCode: 'internal' };
}
