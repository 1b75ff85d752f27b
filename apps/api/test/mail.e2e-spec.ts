import { TransactionRunner } from '../src/common/database/transaction-runner';
import { MailService } from '../src/mail/mail.service';
import { OutboxWorker } from '../src/events/outbox.worker';
import { registerOrganization, Session, uniqueEmail } from './support/factories';
import { FakeSendgrid } from './support/fake-sendgrid';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

/** The outbox worker against a local SendGrid, through the real @sendgrid/mail SDK. */
describe('Mail outbox with SendGrid', () => {
  const sendgrid = new FakeSendgrid();
  let t: TestApp;
  let second: TestApp;
  let admin: Session;

  beforeAll(async () => {
    const baseUrl = await sendgrid.start();
    const database = await createTestDatabase();
    const env = {
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_BASE_URL: baseUrl,
      MAIL_RETRY_BASE_MS: '1',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_FROM: 'NestMap <travel@acme.test>',
    };
    t = await startTestApp(env, database);
    second = await startTestApp(env, database);
    admin = await registerOrganization(t.api);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
    await sendgrid.stop();
  });

  beforeEach(() => {
    sendgrid.sent.length = 0;
    sendgrid.failNext = 0;
  });

  const worker = (app: TestApp = t) => app.app.get(OutboxWorker);
  const invite = (email: string) =>
    t.api.post('/api/organizations/current/invitations', { email }, { token: admin.accessToken });
  const row = async (to: string) => (await t.sql.query('SELECT * FROM outbox_messages WHERE "to" = $1', [to])).rows[0];

  it('delivers an invitation e-mail in SendGrid v3 format with the API key and the outbox id', async () => {
    const email = uniqueEmail('sg');
    const invitation = await invite(email);
    // The e-mail, and the invitation.created event for the audit recorder.
    expect(await worker().deliverDue()).toBe(2);

    expect(sendgrid.sent).toHaveLength(1);
    const [mail] = sendgrid.sent;
    expect(mail.authorization).toBe('Bearer SG.test-key');
    expect(mail.body.personalizations[0].to).toEqual([{ email }]);
    expect(mail.body.from).toEqual({ email: 'travel@acme.test', name: 'NestMap' });
    expect(mail.body.content[0]).toMatchObject({ type: 'text/plain' });
    expect(mail.body.content[0].value).toContain(invitation.body.inviteUrl);
    const stored = await row(email);
    expect(mail.body.custom_args).toEqual({ outbox_id: stored.id });
    expect(mail.body.headers).toEqual({ 'X-NestMap-Message-Id': stored.id });
    expect(stored).toMatchObject({ status: 'delivered', delivered_via: 'sendgrid', attempts: 1 });
  });

  it('keeps a failed message and retries it with backoff until SendGrid accepts it', async () => {
    const email = uniqueEmail('retry');
    await invite(email);
    sendgrid.failNext = 1;
    await worker().deliverDue();
    const failed = await row(email);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/^500 /);
    expect(failed.last_error).not.toContain('SG.test-key');

    await new Promise((resolve) => setTimeout(resolve, 20));
    await worker().deliverDue();
    expect(await row(email)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    expect(sendgrid.sent.map((mail) => mail.body.personalizations[0].to[0].email)).toEqual([email]);
  });

  it('marks a message failed after the maximum attempts, and keeps it for the admin to see', async () => {
    const email = uniqueEmail('doomed');
    await invite(email);
    sendgrid.failNext = 10;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await worker().deliverDue();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await row(email)).toMatchObject({ status: 'failed', attempts: 3 });
    const outbox = await t.api.get('/api/organizations/current/outbox', { token: admin.accessToken });
    expect(outbox.body.items.find((item: { to: string }) => item.to === email)).toMatchObject({ status: 'failed' });
  });

  it('writes no outbox row when the surrounding transaction rolls back (R12)', async () => {
    const email = uniqueEmail('rollback');
    const run = t.app.get(TransactionRunner).run(async () => {
      await t.app
        .get(MailService)
        .enqueue({ organizationId: admin.user.organizationId, to: email, subject: 'never', text: 'never' });
      throw new Error('business change failed');
    });
    await expect(run).rejects.toThrow('business change failed');
    expect(await row(email)).toBeUndefined();
    await worker().deliverDue();
    expect(sendgrid.sent).toHaveLength(0);
  });

  it('two workers drain 300 messages with every message sent exactly once (R14)', async () => {
    await t.sql.query(
      `INSERT INTO outbox_messages (organization_id, "to", subject, text)
       SELECT $1, 'bulk-' || n || '@example.com', 'bulk ' || n, 'hello' FROM generate_series(1, 300) AS n`,
      [admin.user.organizationId],
    );
    const drain = async (app: TestApp) => {
      while ((await worker(app).deliverDue()) > 0);
    };
    await Promise.all([drain(t), drain(second), drain(t), drain(second)]);
    const ids = sendgrid.sent.map((mail) => mail.body.custom_args?.outbox_id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS pending FROM outbox_messages WHERE status <> 'delivered' AND "to" LIKE 'bulk-%'`,
    );
    expect(rows[0].pending).toBe(0);
  });
});
