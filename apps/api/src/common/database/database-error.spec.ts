import { QueryFailedError } from 'typeorm';
import { classifyDatabaseError, loggableDatabaseError } from './database-error';

/** A pg DatabaseError as the driver raises it: message, SQLSTATE and the server's fields. */
function pgError(code: string, fields: Record<string, string> = {}, message = 'server says no'): Error {
  return Object.assign(new Error(message), { code, ...fields });
}

describe('classifyDatabaseError', () => {
  it.each([
    ['08006 connection_failure', '08006'],
    ['08P01 protocol_violation', '08P01'],
    ['53300 too_many_connections', '53300'],
    ['53100 disk_full', '53100'],
    ['55000 database not accepting connections', '55000'],
    ['55P03 lock_not_available (lock_timeout)', '55P03'],
    ['55006 object_in_use', '55006'],
    ['57014 query_canceled (statement_timeout)', '57014'],
    ['57P01 admin_shutdown', '57P01'],
    ['57P02 crash_shutdown', '57P02'],
    ['57P03 cannot_connect_now', '57P03'],
  ])('is unavailable (503) for SQLSTATE %s', (_label, code) => {
    expect(classifyDatabaseError(pgError(code))).toBe('unavailable');
    expect(classifyDatabaseError(new QueryFailedError('SELECT 1', [], pgError(code)))).toBe('unavailable');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'])(
    'is unavailable for the socket error %s',
    (code) => {
      expect(classifyDatabaseError(Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code }))).toBe(
        'unavailable',
      );
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Query read timeout',
  ])('is unavailable for the client-side failure "%s"', (message) => {
    expect(classifyDatabaseError(new Error(message))).toBe('unavailable');
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'foreign_key_violation'],
    ['22P02', 'invalid_value'],
    ['40001', 'serialization'],
    ['40P01', 'serialization'],
  ])('maps %s to %s', (code, failure) => {
    expect(classifyDatabaseError(pgError(code))).toBe(failure);
  });

  it.each(['42P01', '42703', 'XX000'])('leaves %s unclassified (a 500: a bug, not an outage)', (code) => {
    expect(classifyDatabaseError(pgError(code))).toBeUndefined();
  });

  it('leaves ordinary errors alone', () => {
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyDatabaseError('a string')).toBeUndefined();
  });
});

describe('loggableDatabaseError', () => {
  const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
  const driverError = pgError(
    '23514',
    {
      detail: `Failing row contains (ann@example.test, ${hash}).`,
      where: 'SQL statement "UPDATE users SET …"',
      table: 'users',
      constraint: 'users_email_check',
      schema: 'public',
      internalQuery: 'SELECT secret',
    },
    'new row for relation "users" violates check constraint "users_email_check"',
  );

  it('keeps the SQLSTATE, table, column and constraint and drops parameters, detail, where and message', () => {
    const error = new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['ann@example.test', hash],
      driverError,
    );
    const loggable = loggableDatabaseError(error);
    expect(loggable).toEqual({
      type: 'QueryFailedError',
      sqlstate: '23514',
      table: 'users',
      constraint: 'users_email_check',
    });
    expect(JSON.stringify(loggable)).not.toMatch(/ann@example|argon2|Failing row|INSERT|SELECT/);
  });

  it('drops the message of a server error, which may quote the input', () => {
    const error = pgError('22P02', { column: 'id' }, 'invalid input syntax for type uuid: "ann@example.test"');
    expect(loggableDatabaseError(error)).toEqual({ type: 'Error', sqlstate: '22P02', column: 'id' });
  });

  it('keeps the fixed message of a client-side failure, which has no SQLSTATE', () => {
    const error = new QueryFailedError(
      'SELECT * FROM users WHERE email = $1',
      ['ann@example.test'],
      new Error('Query read timeout'),
    );
    expect(loggableDatabaseError(error)).toEqual({ type: 'QueryFailedError', message: 'Query read timeout' });
  });

  it('is undefined for errors that are not database errors, which are logged as they are', () => {
    expect(loggableDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(loggableDatabaseError(undefined)).toBeUndefined();
  });
});
