/** One of the CLI's output streams. */
export interface CliStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * Where the CLI reads a confirmation from: the terminal's input. `isTTY` says whether a person is there to
 * answer; a script's stdin is not a terminal and is never read.
 */
export interface CliInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/**
 * Where the CLI writes, and reads answers to its questions. Injected so tests run commands in-process,
 * read what a user would see and answer the prompts. Without `stdin` nobody can be asked.
 */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  stdin?: CliInput;
}

/**
 * Terminal escape sequences: CSI (`ESC [ … final`, colours, cursor moves, clearing), OSC (`ESC ] … BEL`,
 * window titles, links), DCS/SOS/PM/APC strings, and any other `ESC x` pair or lone ESC.
 */
const ESCAPE_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -~]?)/g;

/**
 * What else must not reach a terminal: C0 controls but tab and line feed (a carriage return rewrites a
 * line), DEL, C1 controls (U+0080–U+009F; U+009B is a one-character CSI), and the bidi controls that
 * reorder what is shown (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The CLI's output boundary: removes every escape sequence and every control or bidi-override character
 * except tab and line feed. Names and messages from CXone are printed as they come, and a name can hold
 * sequences that retitle the window, clear the screen or rewrite lines already shown.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSAFE_CHARACTERS, '');
}

/** For a value placed inside a line (a name in a table cell): line breaks and tabs become spaces too. */
export function inlineSafe(text: string): string {
  return terminalSafe(text).replace(/[\t\n\u2028\u2029]+/g, ' ');
}

/** What a wrapped stream writes to: the CLI's own control sequences (the progress line) go there. */
const rawStreams = new WeakMap<CliStream, CliStream>();

/** `io` with every write passed through `terminalSafe`. Applied once, where the CLI receives its io. */
export function safeIo(io: CliIo): CliIo {
  const wrap = (stream: CliStream): CliStream => {
    const safe: CliStream = { write: (s: string) => stream.write(terminalSafe(s)), isTTY: stream.isTTY };
    rawStreams.set(safe, rawStreams.get(stream) ?? stream);
    return safe;
  };
  return { stdout: wrap(io.stdout), stderr: wrap(io.stderr), ...(io.stdin ? { stdin: io.stdin } : {}) };
}

const CLEAR_LINE = '\r\x1b[2K';

/** Rewrites the current terminal line: the app's own control sequence, then `text` made safe. */
export function rewriteLine(stream: CliStream, text: string): void {
  clearLine(stream);
  stream.write(terminalSafe(text));
}

export function clearLine(stream: CliStream): void {
  (rawStreams.get(stream) ?? stream).write(CLEAR_LINE);
}

export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a CliExit carries besides its message. */
export interface CliExitDetails {
  /** The stable `error.code` of the JSON answer (default `cli`). */
  errorCode?: string;
  /** Lines printed after the message on a terminal (a list of choices); JSON carries `data` instead. */
  detail?: string;
  /** Machine-readable facts for `--json`, merged into `error` (candidates, choices, the query). */
  data?: Record<string, unknown>;
}

/** Thrown by commands to end with a message and an exit code, without a stack trace. */
export class CliExit extends Error {
  constructor(
    readonly code: ExitCode,
    message: string,
    readonly details: CliExitDetails = {},
  ) {
    super(message);
  }
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${jsonText(value)}\n`);
}

/**
 * JSON for a terminal or a pipe. `JSON.stringify` escapes C0 controls but leaves C1, bidi controls and
 * line separators as they are; escaping them too keeps the data whole for scripts and harmless on screen.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
