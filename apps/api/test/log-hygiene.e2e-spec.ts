import { addMember, registerOrganization, Session, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { captureStdout, StdoutCapture } from './support/stdout-capture';
import { startTestApp, TEST_SECRETS, TestApp } from './support/test-app';

/**
 * Makes PostgreSQL raise the SQLSTATE stored in `provoked_failure` on every write to `users`, with
 * what a real error of that kind can carry: a message quoting the input, a detail quoting the row
 * (e-mail and password hash, as in "Failing row contains (…)"), and the table, column and
 * constraint. The error travels the real path: server, pg, TypeORM, the exception filter, the log.
 */
const PROVOKE_FAILURES = `
  CREATE TABLE provoked_failure (code char(5) NOT NULL);
  CREATE FUNCTION provoke_failure() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE code char(5) := (SELECT p.code FROM provoked_failure p LIMIT 1);
  BEGIN
    IF code IS NULL THEN RETURN NEW; END IF;
    RAISE EXCEPTION USING ERRCODE = code,
      MESSAGE = format('invalid input value: "%s"', NEW.email),
      DETAIL = format('Failing row contains (%s, %s, %s).', NEW.id, NEW.email, NEW.password_hash),
      HINT = NEW.password_hash,
      TABLE = 'users', COLUMN = 'email', CONSTRAINT = 'users_provoked_check';
  END $$;
  CREATE TRIGGER provoke_failure BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION provoke_failure();
`;

/** One SQLSTATE of each class the API tells apart, and the status it must answer with. */
const FAILURES: [string, string, number][] = [
  ['23514', 'check violation (unexpected: a bug)', 500],
  ['XX000', 'internal error', 500],
  ['23505', 'unique violation', 409],
  ['23503', 'foreign key violation', 422],
  ['22P02', 'invalid value', 400],
  ['40001', 'serialization failure', 409],
  ['08006', 'connection failure', 503],
  ['53300', 'too many connections', 503],
  ['55P03', 'lock not available', 503],
  ['57014', 'statement timeout', 503],
];

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const ARGON2_HASH = /\$argon2(id|i|d)\$/;
const SQL = /\b(INSERT INTO|UPDATE\s+"?users|SELECT\s.+\sFROM)\b/i;

/** S23: no secret or personal data in any log line, whatever the database answers, nor in the outbox view. */
describe('Log hygiene', () => {
  let capture: StdoutCapture;
  let t: TestApp;
  let admin: Session;
  let member: Session;
  let inviteToken: string;

  beforeAll(async () => {
    capture = captureStdout();
    t = await startTestApp({ LOG_LEVEL: 'info' });
    admin = await registerOrganization(t.api);
    member = await addMember(t.api, admin, 'traveller');
    const invitation = await t.api.post(
      '/api/organizations/current/invitations',
      { email: uniqueEmail('invitee'), role: 'traveller' },
      { token: admin.accessToken },
    );
    inviteToken = new URL(invitation.body.inviteUrl).pathname.split('/').pop()!;
    await t.sql.query(PROVOKE_FAILURES);
  });
  afterAll(async () => {
    await t?.close();
    capture?.restore();
  });

  async function provoking<T>(code: string, work: () => Promise<T>): Promise<T> {
    await t.sql.query('INSERT INTO provoked_failure (code) VALUES ($1)', [code]);
    try {
      return await work();
    } finally {
      await t.sql.query('DELETE FROM provoked_failure');
    }
  }

  describe('the admin outbox', () => {
    it('shows an invitation e-mail with its link masked, while the e-mail itself carries the working link', async () => {
      const email = uniqueEmail('invitee');
      const invitation = await t.api.post(
        '/api/organizations/current/invitations',
        { email, role: 'traveller' },
        { token: admin.accessToken },
      );
      const token = new URL(invitation.body.inviteUrl).pathname.split('/').pop()!;

      const outbox = await t.api.get('/api/organizations/current/outbox', { token: admin.accessToken });
      const shown = outbox.body.items.find((item: { to: string }) => item.to === email);
      expect(shown.text).not.toContain(token);
      expect(shown.text).toContain('/invite/[hidden]');
      expect(shown.text).toContain('You have been invited to join');

      const { rows } = await t.sql.query('SELECT text FROM outbox_messages WHERE "to" = $1', [email]);
      expect(rows[0].text).toContain(`/invite/${token}`);
    });
  });

  it.each(FAILURES)(
    'SQLSTATE %s (%s) answers %i on an insert carrying an e-mail and a hash, and on an update of another user',
    async (code, _label, status) => {
      const registration = await provoking(code, () =>
        t.api.post('/api/auth/register', {
          email: uniqueEmail('applicant'),
          password: STRONG_PASSWORD,
          name: 'Ann Applicant',
          organizationName: 'Applicants',
        }),
      );
      expect(registration.status).toBe(status);
      const update = await provoking(code, () =>
        t.api.patch(
          `/api/organizations/current/members/${member.user.id}`,
          { role: 'manager' },
          { token: admin.accessToken },
        ),
      );
      expect(update.status).toBe(status);
      for (const response of [registration, update]) {
        expect(response.text).not.toMatch(EMAIL);
        expect(response.text).not.toMatch(ARGON2_HASH);
        if (status === 503) expect(response.headers.get('retry-after')).toBe('5');
      }
    },
  );

  it('a real lock timeout on login (a query whose parameter is the e-mail) is a 503', async () => {
    await t.sql.query('BEGIN');
    try {
      await t.sql.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const login = await t.api.post('/api/auth/login', { email: member.user.email, password: STRONG_PASSWORD });
      expect(login.status).toBe(503);
    } finally {
      await t.sql.query('ROLLBACK');
    }
  });

  it('logs database failures by SQLSTATE, table, column and constraint only', async () => {
    await capture.waitFor(
      (lines) =>
        lines.filter((line) => line.msg === 'request failed' && line.err?.sqlstate).length >=
        2 * FAILURES.filter(([, , status]) => status >= 500).length,
    );
    const failures = capture.jsonLines().filter((line) => line.msg === 'request failed');
    expect(failures.find((line) => line.err.sqlstate === '23514')?.err).toEqual({
      type: 'QueryFailedError',
      sqlstate: '23514',
      table: 'users',
      column: 'email',
      constraint: 'users_provoked_check',
    });
    // The real lock timeout on login: PostgreSQL names no table for it.
    expect(failures.find((line) => line.err.sqlstate === '55P03' && line.err.table === undefined)).toBeDefined();
  });

  it('writes no passenger date of birth, document number, ciphertext or data key to the log, even when decryption fails (S26)', async () => {
    const profile = {
      givenName: 'Ida',
      familyName: 'Logtest',
      bornOn: '1979-11-04',
      gender: 'f',
      title: 'ms',
      email: 'ida@example.org',
      phoneNumber: '+4930123456',
      documentNumber: 'LOG7730419',
    };
    const path = '/api/users/me/passenger-profile';
    expect((await t.api.put(path, profile, { token: member.accessToken })).status).toBe(200);
    expect(
      (
        await t.api.put(
          path,
          { ...profile, bornOn: '2999-11-04', documentNumber: 'LOG-7730419!' },
          { token: member.accessToken },
        )
      ).status,
    ).toBe(400);
    expect(
      (await t.api.get(`/api/users/${member.user.id}/passenger-profile`, { token: admin.accessToken })).status,
    ).toBe(200);
    const { rows } = await t.sql.query(
      'SELECT born_on_encrypted, document_number_encrypted FROM passenger_profiles WHERE user_id = $1',
      [member.user.id],
    );
    const sealed = rows[0].born_on_encrypted as string;
    // A tampered value: the read fails (500) and the failure is logged, naming the key id only.
    const parts = sealed.split(':');
    parts[3] = (parts[3][0] === 'A' ? 'B' : 'A') + parts[3].slice(1);
    await t.sql.query('UPDATE passenger_profiles SET born_on_encrypted = $2 WHERE user_id = $1', [
      member.user.id,
      parts.join(':'),
    ]);
    expect((await t.api.get(path, { token: member.accessToken })).status).toBe(500);
    await capture.waitFor((lines) => lines.some((line) => line.res?.statusCode === 500 && line.req?.path === path));
    const log = capture.text();
    for (const secret of [
      '1979-11-04',
      '2999-11-04',
      'LOG7730419',
      'LOG-7730419',
      TEST_SECRETS.DATA_ENCRYPTION_KEY,
      sealed,
      rows[0].document_number_encrypted,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).toMatch(/failed authentication \(key [0-9a-f]{8}\)/);
    await t.sql.query('UPDATE passenger_profiles SET born_on_encrypted = $2 WHERE user_id = $1', [
      member.user.id,
      sealed,
    ]);
  });

  it('writes no e-mail address, password hash, password, token or SQL anywhere in the log', async () => {
    // A failed login is a logged security event: it names the account by id, never by address or password.
    expect(
      (await t.api.post('/api/auth/login', { email: member.user.email, password: `${STRONG_PASSWORD} typo` })).status,
    ).toBe(401);
    await capture.waitFor((lines) => lines.some((line) => line.res?.statusCode === 401));
    const log = capture.text();
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toMatch(EMAIL);
    expect(log).not.toMatch(ARGON2_HASH);
    expect(log).not.toMatch(/Failing row/);
    expect(log).not.toMatch(SQL);
    const secrets = [
      STRONG_PASSWORD,
      inviteToken,
      admin.accessToken,
      admin.refreshToken,
      member.accessToken,
      member.refreshToken,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
