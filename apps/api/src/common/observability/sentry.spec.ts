import type { ErrorEvent } from '@sentry/nestjs';
import { QueryFailedError } from 'typeorm';
import { reportableError, scrubEvent } from './sentry';

describe('scrubEvent', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
  const event = (): ErrorEvent =>
    ({
      type: undefined,
      release: 'nestmap@1.2.3',
      tags: { requestId: 'req-1' },
      request: {
        method: 'PATCH',
        url: 'http://api.test/api/trips/42?email=ann@example.com',
        query_string: 'email=ann@example.com',
        data: '{"title":"Trip of ann@example.com","password":"hunter2 hunter2"}',
        cookies: { nestmap_refresh: 'refresh-secret' },
        headers: {
          authorization: `Bearer ${token}`,
          cookie: 'nestmap_refresh=refresh-secret',
          'user-agent': 'curl/8',
          'x-forwarded-for': '203.0.113.9',
        },
      },
      user: { id: 'u-1', email: 'ann@example.com', ip_address: '203.0.113.9' },
      extra: { parameters: ['ann@example.com', '$argon2id$v=19$m=19456,t=2,p=1$abc$def'] },
      exception: {
        values: [
          {
            type: 'Error',
            value: `user ann@example.com sent Bearer ${token}`,
            stacktrace: { frames: [{ function: 'login', vars: { password: 'hunter2 hunter2' } }] },
          },
        ],
      },
      breadcrumbs: [{ message: 'login ann@example.com', data: { body: 'hunter2' } }],
    }) as ErrorEvent;

  it('keeps what identifies the error and the release, nothing personal', () => {
    const scrubbed = scrubEvent(event());
    expect(scrubbed.release).toBe('nestmap@1.2.3');
    expect(scrubbed.tags).toEqual({ requestId: 'req-1' });
    expect(scrubbed.request).toEqual({
      method: 'PATCH',
      url: 'http://api.test/api/trips/42',
      headers: { 'user-agent': 'curl/8' },
    });
    expect(scrubbed.user).toEqual({ id: 'u-1' });
    expect(scrubbed.exception?.values?.[0].value).toBe('user [e-mail] sent Bearer [redacted]');
    expect(scrubbed.exception?.values?.[0].stacktrace?.frames).toEqual([{ function: 'login' }]);
    const serialized = JSON.stringify(scrubbed);
    for (const secret of ['ann@example.com', token, 'refresh-secret', 'hunter2', '$argon2id', '203.0.113.9']) {
      expect(serialized).not.toContain(secret);
    }
  });
});

describe('reportableError', () => {
  it('reduces a database error to its SQLSTATE and names, keeping the stack frames', () => {
    const driverError = Object.assign(new Error('duplicate key: Key (email)=(ann@example.com) already exists'), {
      code: '23505',
      table: 'users',
      constraint: 'uq_users_email',
      detail: 'Key (email)=(ann@example.com)',
    });
    const failure = new QueryFailedError('INSERT INTO users …', ['ann@example.com', '$argon2id$secret'], driverError);
    const reported = reportableError(failure) as Error;
    expect(reported.name).toBe('QueryFailedError');
    expect(reported.message).toBe('sqlstate 23505, table users, constraint uq_users_email');
    expect(reported.stack?.split('\n')[0]).toBe(
      'QueryFailedError: sqlstate 23505, table users, constraint uq_users_email',
    );
    expect(reported.stack?.split('\n').length).toBeGreaterThan(1);
    expect(JSON.stringify({ ...reported, message: reported.message, stack: reported.stack })).not.toMatch(
      /ann@example|argon2|INSERT/,
    );
  });

  it('passes other errors through unchanged', () => {
    const error = new TypeError('x is undefined');
    expect(reportableError(error)).toBe(error);
  });
});
