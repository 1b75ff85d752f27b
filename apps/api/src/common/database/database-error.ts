import { QueryFailedError } from 'typeorm';

export type DatabaseFailure =
  'unavailable' | 'unique_violation' | 'foreign_key_violation' | 'invalid_value' | 'serialization';

/** A PostgreSQL error code; Node's socket error codes (EPIPE, ECONNRESET…) never look like one. */
const SQLSTATE = /^([0-9]{2}|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/**
 * SQLSTATE classes that mean "the database cannot serve this now; retry", classified by class so
 * that no code of the family is forgotten: 08 connection exception, 53 insufficient resources
 * (too many connections, disk full), 55 object not in prerequisite state (a database that refuses
 * connections, 55P03 lock_not_available from lock_timeout), 57 operator intervention (57014
 * statement_timeout, 57P01–57P03 shutdown, crash, not accepting connections yet).
 */
const UNAVAILABLE_SQLSTATE_CLASSES = new Set(['08', '53', '55', '57']);

/** Client-side socket failures (Node.js error codes). */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** pg and pg-pool failures that carry no code: a lost connection or a client-side timeout. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly|Cannot use a pool after calling end/i;

/** Classifies an error thrown by TypeORM/pg; undefined when it is not a database failure. */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = codeOf(error);
  if (code === '23505') return 'unique_violation';
  if (code === '23503') return 'foreign_key_violation';
  if (code === '22P02' || code === '22003' || code === '22007' || code === '22008') return 'invalid_value';
  if (code === '40001' || code === '40P01') return 'serialization';
  if (code && SQLSTATE.test(code))
    return UNAVAILABLE_SQLSTATE_CLASSES.has(code.slice(0, 2)) ? 'unavailable' : undefined;
  if (code && NETWORK_ERROR_CODES.has(code)) return 'unavailable';
  return UNAVAILABLE_MESSAGE.test(error.message) ? 'unavailable' : undefined;
}

/** What a log line may say about a database error. */
export interface LoggableDatabaseError {
  type: string;
  sqlstate?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** Only for client-side failures (no SQLSTATE), whose fixed messages carry no data. */
  message?: string;
}

/**
 * The loggable part of a database error (S23), undefined for other errors. TypeORM's error carries
 * the query's `parameters` (e-mail addresses, password hashes) and PostgreSQL's `detail`, `where`
 * and message quote row values ("Failing row contains (…)", "invalid input syntax: \"…\""), so only
 * the SQLSTATE and the names of the table, column and constraint are kept.
 */
export function loggableDatabaseError(error: unknown): LoggableDatabaseError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = codeOf(error);
  const sqlstate = code && SQLSTATE.test(code) ? code : undefined;
  const failure = classifyDatabaseError(error);
  if (!sqlstate && !failure && !(error instanceof QueryFailedError)) return undefined;
  const source =
    (error as { driverError?: Record<string, unknown> }).driverError ?? (error as unknown as Record<string, unknown>);
  const loggable: LoggableDatabaseError = { type: error.name };
  if (sqlstate) {
    loggable.sqlstate = sqlstate;
    for (const field of ['table', 'column', 'constraint'] as const) {
      if (typeof source[field] === 'string') loggable[field] = source[field];
    }
  } else if (failure === 'unavailable') {
    loggable.message = error.message;
  }
  return loggable;
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' ? code : undefined;
}
