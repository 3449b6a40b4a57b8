import { InvalidTargetError } from '../agentstate/types';
import { ConfigError } from '../config';
import { CxoneError, InvalidInputError } from '../cxone/errors';
import { StoreUnavailableError } from '../store/errors';
import { CliExit, type CliIo, ExitCode, jsonText } from './io';

/**
 * One place that turns any failure into what the user sees and the exit code: 2 for bad usage or input
 * (nothing was changed), 1 for a failed operation (CXone error, verification failed). With `--json` the
 * failure is the run's one JSON document, its facts (candidates, choices, problems) as data.
 */
export function reportFailure(io: CliIo, err: unknown, json: boolean): ExitCode {
  const { code, message, detail, errorCode, data } = describe(err);
  if (json) {
    // Structured facts replace the prose lines when there are any; otherwise the lines go as `detail`.
    const facts = data ?? (detail ? { detail } : {});
    io.stdout.write(`${jsonText({ ok: false, error: { code: errorCode, message, ...facts } })}\n`);
  } else {
    io.stderr.write(`agentstate: ${message}\n${detail ? `${detail}\n` : ''}`);
  }
  return code;
}

interface Described {
  code: ExitCode;
  message: string;
  /** Further lines for a terminal. */
  detail?: string;
  errorCode: string;
  /** Further facts for JSON. */
  data?: Record<string, unknown>;
}

function describe(err: unknown): Described {
  if (err instanceof CliExit) {
    const { errorCode = 'cli', detail, data } = err.details;
    return { code: err.code, message: err.message, errorCode, detail, data };
  }
  if (err instanceof ConfigError) return describeConfig(err);
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
      data: { field: err.field, value: err.value, choices: err.options },
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
      data: { detail: err.remediation, ...(err.requestId ? { requestId: err.requestId } : {}) },
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: ExitCode.failed, message: `unexpected error: ${message}`, errorCode: 'internal' };
}

/** Every configuration problem on its own line, so all of them are fixed in one go. */
function describeConfig(err: ConfigError): Described {
  const [only] = err.problems;
  const lines = err.problems.map((p) => `${p.variable}: ${p.detail}`);
  const data = { problems: err.problems, ...(err.note ? { note: err.note } : {}) };
  if (only && err.problems.length === 1) {
    return {
      code: ExitCode.usage,
      message: `invalid configuration: ${lines[0]}`,
      detail: err.note,
      errorCode: 'config',
      data,
    };
  }
  return {
    code: ExitCode.usage,
    message: `invalid configuration: ${err.problems.length} problems`,
    detail: [...lines.map((l) => `  ${l}`), ...(err.note ? [err.note] : [])].join('\n'),
    errorCode: 'config',
    data,
  };
}
