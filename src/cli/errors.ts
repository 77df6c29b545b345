/**
 * CLI error classes and exit codes (DESIGN.md §5): 2 for invalid input (the message names the option, the
 * value and what is allowed), 1 for a computation that failed (the message says what was tried).
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class ComputationError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ComputationError';
  }
}

/** `--option: 'value' is <problem>; allowed: <allowed>` */
export function invalid(option: string, value: unknown, allowed: string): UsageError {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new UsageError(`--${option}: ${shown} is not allowed; expected ${allowed}`);
}
