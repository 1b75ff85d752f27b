import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { AppConfig } from '../../api/src/config/app-config';
import { runningEmbeddedDatabaseUrl } from '../../api/src/database/resolve-database';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  apiAs,
  capturingFailures,
  launchBrowser,
  must,
  newPage,
  PASSWORD,
  registerOrganization,
  screenshot,
  signIn,
  urls,
  waitUntil,
} from './support/harness';

const NEW_PASSWORD = 'saffron kettle meadow 19';

/**
 * Reads the latest reset link e-mailed to `email` from the local outbox, in the database of the API
 * the harness started (the admin outbox shows reset links with their token hidden, on purpose).
 */
async function resetLinkFor(email: string): Promise<string> {
  const { dataDir } = urls();
  if (!dataDir)
    throw new Error('the reset link is read from the embedded database the e2e harness starts (not with E2E_BASE_URL)');
  const sql = new Client({
    connectionString: runningEmbeddedDatabaseUrl({
      embeddedPostgres: { dataDir: join(dataDir, 'postgres') },
    } as AppConfig),
  });
  await sql.connect();
  try {
    let link: string | undefined;
    await waitUntil(async () => {
      const { rows } = await sql.query<{ text: string }>(
        `SELECT text FROM outbox_messages WHERE "to" = $1 AND subject = 'Reset your NestMap password' ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      link = rows[0]?.text.match(/https?:\/\/\S+\/reset-password#token=[\w-]+/)?.[0];
      return Boolean(link);
    });
    return link!;
  } finally {
    await sql.end();
  }
}

async function checkA11y(page: Page, state: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSeriousA11yViolations(page, `${state} at ${width}px`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('forgot password', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('requests a link, sets a new password from it, signs in with it, and the old session is gone', async () => {
    await capturingFailures(browser, 'password-reset', async () => {
      const { email } = await registerOrganization('Rhea');

      // Signed in on another device before the reset.
      const { page: oldDevice } = await newPage(browser);
      await signIn(oldDevice, email);

      const { page } = await newPage(browser);
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.waitForURL('**/forgot-password');
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await checkA11y(page, 'forgot password');
      await page.getByLabel('E-mail').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
      await page.getByText(`If an account uses ${email}, a link to choose a new password is on its way.`).waitFor();
      await checkA11y(page, 'reset link sent');
      await screenshot(page, '40-forgot-password-sent');

      // The link from the e-mail opens a page that sends no Referer, is not indexed, and drops the
      // token from the address bar at once.
      const link = await resetLinkFor(email);
      expect(link.startsWith(`${urls().webUrl}/reset-password#token=`)).toBe(true);
      const opened = await page.goto(link);
      expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
      expect(opened?.headers()['x-robots-tag']).toBe('noindex');
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      expect(page.url()).toBe(`${urls().webUrl}/reset-password`);
      await checkA11y(page, 'choose a new password');

      // The password policy speaks first, then the new password is set.
      await page.getByLabel('New password').fill('too short');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('Use at least 12 characters').waitFor();
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await screenshot(page, '41-reset-password');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.waitForURL(/\/sign-in\?reset=1$/);
      await page.getByText('Your password was changed').waitFor();

      // The old password no longer works; the new one does.
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That e-mail and password do not match an account.').waitFor();
      await signIn(page, email, NEW_PASSWORD);

      // The device signed in before the reset is signed out.
      await oldDevice.reload();
      await oldDevice.waitForURL(/\/sign-in/);

      // The link worked once.
      await page.goto(link);
      await page.getByLabel('New password').fill('another long password 5');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('This reset link is invalid, already used or expired.').waitFor();
      await page.getByRole('link', { name: 'Request a new link' }).waitFor();
    });
  });

  it('tells an invitee whose address already has an account to sign in or reset its password', async () => {
    await capturingFailures(browser, 'invitation-existing-account', async () => {
      const existing = await registerOrganization('Ingrid');
      const inviter = await registerOrganization('Otto');
      const invitation = await must(
        apiAs(inviter.token).POST('/api/organizations/current/invitations', {
          body: { email: existing.email, role: 'traveller' },
        }),
      );

      const { page } = await newPage(browser);
      await page.goto(invitation.inviteUrl);
      await page.getByLabel('Your name').fill('Ingrid');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'This e-mail address already has a NestMap account' });
      await alert.waitFor();
      expect(await alert.textContent()).not.toContain('Ask your admin for a new one');
      await alert.getByRole('link', { name: 'Sign in' }).waitFor();
      await alert.getByRole('link', { name: 'reset its password' }).click();
      await page.waitForURL('**/forgot-password');
      await screenshot(page, '42-invitation-existing-account');
    });
  });
});
