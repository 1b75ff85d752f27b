import type { INestApplicationContext } from '@nestjs/common';
import type { AuthContext } from '../src/common/auth/auth-context';
import { UserRole } from '../src/common/auth/user-role';
import { PassengerProfilesService } from '../src/passengers/passenger-profiles.service';
import { addMember, registerOrganization, Session } from './support/factories';
import { startTestApp, TEST_SECRETS, TestApp } from './support/test-app';

/** Values distinctive enough to search the raw row (and the logs) for. */
const PROFILE = {
  givenName: 'Grace',
  familyName: "O'Brien-Hopper",
  bornOn: '1986-07-23',
  gender: 'f',
  title: 'dr',
  email: 'grace.hopper@example.com',
  phoneNumber: '+442071234567',
  loyaltyProgrammes: [{ airlineIataCode: 'ba', accountNumber: '81920033' }],
  documentNumber: 'zq7731904',
};

/** docs/booking.md § Travellers and passenger profiles; docs/security.md S26. */
describe('Passenger profiles', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let traveller: Session;
  let colleague: Session;
  let stranger: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    manager = await addMember(t.api, admin, 'manager', 'Mona Manager');
    traveller = await addMember(t.api, admin, 'traveller', 'Tess Traveller');
    colleague = await addMember(t.api, admin, 'traveller', 'Carl Colleague');
    stranger = await registerOrganization(t.api);
  });
  afterAll(() => t.close());

  const as = (session: Session) => ({ token: session.accessToken });
  const mine = '/api/users/me/passenger-profile';
  const of = (session: Session) => `/api/users/${session.user.id}/passenger-profile`;
  const ctxOf = (session: Session): AuthContext =>
    ({
      userId: session.user.id,
      organizationId: session.user.organizationId,
      role: session.user.role as UserRole,
    }) as AuthContext;

  it('is 404 until saved, then the person reads back what they saved (normalised)', async () => {
    expect((await t.api.get(mine, as(traveller))).status).toBe(404);
    const saved = await t.api.put(mine, PROFILE, as(traveller));
    expect(saved.status).toBe(200);
    const expected = {
      ...PROFILE,
      userId: traveller.user.id,
      loyaltyProgrammes: [{ airlineIataCode: 'BA', accountNumber: '81920033' }],
      documentNumber: 'ZQ7731904',
    };
    expect(saved.body).toMatchObject(expected);
    const read = await t.api.get(mine, as(traveller));
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...expected, updatedAt: expect.any(String) });
  });

  it('stores the date of birth and the document number encrypted: the raw row holds no plaintext', async () => {
    const { rows } = await t.sql.query('SELECT * FROM passenger_profiles WHERE user_id = $1', [traveller.user.id]);
    expect(rows).toHaveLength(1);
    // Every column but the random ids and the timestamps: a uuid such as "…8323-0742…" holds "23-07" by chance.
    const { id, organization_id, user_id, created_at, updated_at, ...stored } = rows[0];
    expect([id, organization_id, user_id, created_at, updated_at].every(Boolean)).toBe(true);
    const raw = JSON.stringify(stored);
    for (const plain of ['1986-07-23', '1986', '23-07', 'ZQ7731904', 'zq7731904', TEST_SECRETS.DATA_ENCRYPTION_KEY])
      expect(raw).not.toContain(plain);
    expect(rows[0].born_on_encrypted).toMatch(/^v1:[0-9a-f]{8}:[\w-]{16}:[\w-]+:[\w-]{22}$/);
    expect(rows[0].document_number_encrypted).toMatch(/^v1:[0-9a-f]{8}:/);
    // The same value saved again is sealed with a fresh IV.
    await t.api.put(mine, PROFILE, as(traveller));
    const again = await t.sql.query('SELECT born_on_encrypted FROM passenger_profiles WHERE user_id = $1', [
      traveller.user.id,
    ]);
    expect(again.rows[0].born_on_encrypted).not.toBe(rows[0].born_on_encrypted);
    // No column of any table holds the plaintext date of birth as a date.
    const columns = await t.sql.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'passenger_profiles'",
    );
    expect(columns.rows.filter((column) => column.data_type === 'date')).toEqual([]);
  });

  it('fails clearly, never with garbage, when a stored value was tampered with or moved to another person', async () => {
    await t.api.put(mine, PROFILE, as(colleague));
    const { rows } = await t.sql.query(
      'SELECT user_id, born_on_encrypted FROM passenger_profiles WHERE user_id = ANY($1)',
      [[traveller.user.id, colleague.user.id]],
    );
    const original = rows.find((row) => row.user_id === colleague.user.id).born_on_encrypted as string;
    const travellers = rows.find((row) => row.user_id === traveller.user.id).born_on_encrypted as string;
    const parts = original.split(':');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    ciphertext[0] ^= 1;
    parts[3] = ciphertext.toString('base64url');
    const service = (t.app as INestApplicationContext).get(PassengerProfilesService);
    try {
      for (const altered of [parts.join(':'), travellers]) {
        await t.sql.query('UPDATE passenger_profiles SET born_on_encrypted = $2 WHERE user_id = $1', [
          colleague.user.id,
          altered,
        ]);
        const read = await t.api.get(mine, as(colleague));
        expect({ status: read.status, code: read.body.code }).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
        expect(read.text).not.toMatch(/1986|v1:/);
        await expect(service.passengersFor(ctxOf(admin), [colleague.user.id])).rejects.toThrow(/failed authentication/);
      }
    } finally {
      await t.sql.query('UPDATE passenger_profiles SET born_on_encrypted = $2 WHERE user_id = $1', [
        colleague.user.id,
        original,
      ]);
    }
    expect((await t.api.get(mine, as(colleague))).body.bornOn).toBe('1986-07-23');
  });

  it("lets an admin read and write a member's profile", async () => {
    const read = await t.api.get(of(traveller), as(admin));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ userId: traveller.user.id, bornOn: '1986-07-23', documentNumber: 'ZQ7731904' });
    const written = await t.api.put(of(manager), { ...PROFILE, givenName: 'Mona', documentNumber: null }, as(admin));
    expect(written.status).toBe(200);
    expect(written.body).toMatchObject({ userId: manager.user.id, givenName: 'Mona', documentNumber: null });
    expect((await t.api.get(mine, as(manager))).body.givenName).toBe('Mona');
  });

  it("refuses a manager and a traveller another person's profile (403), whatever the method", async () => {
    for (const session of [manager, colleague]) {
      for (const request of [t.api.get(of(traveller), as(session)), t.api.put(of(traveller), PROFILE, as(session))]) {
        const response = await request;
        expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect(response.text).not.toContain('1986');
      }
    }
    // Even one's own id on the admin route: the person's route is /me.
    expect((await t.api.get(of(traveller), as(traveller))).status).toBe(403);
  });

  it("answers 404 to another organization's admin and changes nothing", async () => {
    const before = await t.sql.query('SELECT * FROM passenger_profiles WHERE user_id = $1', [traveller.user.id]);
    const read = await t.api.get(of(traveller), as(stranger));
    const write = await t.api.put(of(traveller), { ...PROFILE, givenName: 'Mallory' }, as(stranger));
    for (const response of [read, write]) {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(response.text).not.toMatch(/1986|Grace/);
    }
    expect(
      (await t.sql.query('SELECT * FROM passenger_profiles WHERE user_id = $1', [traveller.user.id])).rows,
    ).toEqual(before.rows);
    expect(
      (await t.api.get(`/api/users/00000000-0000-4000-8000-000000000000/passenger-profile`, as(admin))).status,
    ).toBe(404);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a phone number with spaces', { phoneNumber: '+44 20 7123 4567' }, 'phoneNumber'],
    ['a phone number without +', { phoneNumber: '442071234567' }, 'phoneNumber'],
    ['a phone number with a 0 country code', { phoneNumber: '+0441234567' }, 'phoneNumber'],
    ['a phone number of 16 digits', { phoneNumber: '+1234567890123456' }, 'phoneNumber'],
    ['a date of birth that does not exist', { bornOn: '1990-02-30' }, 'bornOn'],
    ['a date of birth in the future', { bornOn: '2999-01-01' }, 'bornOn'],
    ['a date of birth before 1900', { bornOn: '1899-12-31' }, 'bornOn'],
    ['a date of birth with a time', { bornOn: '1986-07-23T00:00:00Z' }, 'bornOn'],
    [
      'an airline code of three letters',
      { loyaltyProgrammes: [{ airlineIataCode: 'BAW', accountNumber: '1' }] },
      'loyaltyProgrammes.0.airlineIataCode',
    ],
    [
      'an airline code of two digits',
      { loyaltyProgrammes: [{ airlineIataCode: '12', accountNumber: '1' }] },
      'loyaltyProgrammes.0.airlineIataCode',
    ],
    [
      'two accounts with one airline',
      {
        loyaltyProgrammes: [
          { airlineIataCode: 'BA', accountNumber: '1' },
          { airlineIataCode: 'ba', accountNumber: '2' },
        ],
      },
      'loyaltyProgrammes',
    ],
    ['a gender the airlines do not take', { gender: 'x' }, 'gender'],
    ['an unknown title', { title: 'sir' }, 'title'],
    ['a name with digits', { givenName: 'Gr4ce' }, 'givenName'],
    ['no family name', { familyName: undefined }, 'familyName'],
    ['an e-mail that is not one', { email: 'grace@' }, 'email'],
    ['a document number with punctuation', { documentNumber: 'AB-12/34' }, 'documentNumber'],
    ['an unknown field', { nationality: 'GB' }, 'nationality'],
  ])('refuses %s (400, naming the field) and keeps the saved profile', async (_label, change, field) => {
    const before = (await t.api.get(mine, as(traveller))).body;
    const response = await t.api.put(mine, { ...PROFILE, ...change }, as(traveller));
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect((await t.api.get(mine, as(traveller))).body).toEqual(before);
  });

  it('accepts names in any script, with apostrophes and hyphens', async () => {
    const response = await t.api.put(
      mine,
      { ...PROFILE, givenName: 'Zoë Ångström', familyName: 'Nguyễn-Đặng' },
      as(colleague),
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ givenName: 'Zoë Ångström', familyName: 'Nguyễn-Đặng' });
  });

  describe('for the booking flow (PassengerProfilesService.passengersFor)', () => {
    it("gives the travellers' decrypted details in the order asked, as a flight order needs them", async () => {
      await t.api.put(mine, PROFILE, as(colleague));
      const service = t.app.get(PassengerProfilesService);
      const passengers = await service.passengersFor(ctxOf(admin), [colleague.user.id, traveller.user.id]);
      expect(passengers).toEqual([
        expect.objectContaining({
          givenName: 'Grace',
          bornOn: '1986-07-23',
          gender: 'f',
          title: 'dr',
          phoneNumber: '+442071234567',
        }),
        {
          givenName: 'Grace',
          familyName: "O'Brien-Hopper",
          bornOn: '1986-07-23',
          gender: 'f',
          title: 'dr',
          email: 'grace.hopper@example.com',
          phoneNumber: '+442071234567',
          loyaltyProgrammeAccounts: [{ airlineIataCode: 'BA', accountNumber: '81920033' }],
        },
      ]);
    });

    it('refuses with PASSENGER_PROFILE_INCOMPLETE naming everyone without a profile, and finds nobody of another organization', async () => {
      const newcomer = await addMember(t.api, admin, 'traveller', 'Nina Newcomer');
      const service = t.app.get(PassengerProfilesService);
      const failure = service.passengersFor(ctxOf(admin), [traveller.user.id, newcomer.user.id, stranger.user.id]);
      await expect(failure).rejects.toMatchObject({ code: 'PASSENGER_PROFILE_INCOMPLETE' });
      await expect(failure).rejects.toThrow(
        `No passenger profile for Nina Newcomer, an unknown traveller (${stranger.user.id})`,
      );
      await t.api.put(mine, PROFILE, as(stranger));
      await expect(service.passengersFor(ctxOf(admin), [stranger.user.id])).rejects.toMatchObject({
        code: 'PASSENGER_PROFILE_INCOMPLETE',
      });
    });
  });
});
