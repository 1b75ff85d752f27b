export type DatabaseFailure = 'unavailable' | 'unique_violation' | 'foreign_key_violation' | 'invalid_value' | 'serialization';

/** PostgreSQL SQLSTATE classes and pg/pg-pool messages that mean "the database is not reachable". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Query read timeout|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Classifies an error thrown by TypeORM/pg; undefined when it is not a database failure. */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  if (typeof code === 'string') {
    if (code === '23505') return 'unique_violation';
    if (code === '23503') return 'foreign_key_violation';
    if (code === '22P02' || code === '22003' || code === '22007' || code === '22008') return 'invalid_value';
    if (code === '40001' || code === '40P01') return 'serialization';
    if (code === '57014') return 'unavailable';
    if (UNAVAILABLE_SQLSTATE.test(code)) return 'unavailable';
    if (/^E[A-Z]+$/.test(code) && UNAVAILABLE_MESSAGE.test(code)) return 'unavailable';
  }
  return UNAVAILABLE_MESSAGE.test(error.message) ? 'unavailable' : undefined;
}
