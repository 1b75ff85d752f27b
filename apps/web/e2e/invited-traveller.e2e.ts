import type { Browser } from 'playwright-core';
import {
  capturingFailures,
  launchBrowser,
  newPage,
  PASSWORD,
  registerOrganization,
  signIn,
  unique,
} from './support/harness';
import { checkpoint } from './support/axe';

describe('an invited traveller', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('joins from the link an admin sent, signs in, and cannot open the admin area', async () => {
    await capturingFailures(browser, 'invited-traveller', async () => {
      const admin = await registerOrganization('Grace');
      const travellerEmail = unique('tom');

      // The admin invites from the admin area and gets a link to share.
      const { page: adminPage } = await newPage(browser);
      await signIn(adminPage, admin.email);
      await adminPage.getByRole('link', { name: 'Admin' }).click();
      await adminPage.getByRole('link', { name: 'Invitations' }).click();
      await adminPage.getByText('No invitations yet').waitFor();
      await adminPage.getByLabel('E-mail').fill(travellerEmail);
      await adminPage.getByLabel('Role').selectOption('traveller');
      await adminPage.getByRole('button', { name: 'Send invitation' }).click();
      await adminPage.getByText(`Invitation sent to ${travellerEmail}`).waitFor();
      const inviteUrl = await adminPage.getByTestId('invite-url').inputValue();
      expect(inviteUrl).toMatch(/\/invite\/[\w-]+$/);
      await adminPage.getByRole('cell', { name: travellerEmail, exact: true }).waitFor();
      await checkpoint(adminPage, '08-admin-invitations');

      // The invitation e-mail is in the outbox (no SendGrid key here).
      await adminPage.getByRole('link', { name: 'Mail outbox' }).click();
      await adminPage.getByRole('cell', { name: travellerEmail, exact: true }).first().waitFor();
      await checkpoint(adminPage, '09-admin-outbox');

      // The traveller accepts in their own browser.
      const { page } = await newPage(browser);
      await page.goto(inviteUrl);
      await page.getByRole('heading', { name: /^Join .+ on NestMap$/ }).waitFor();
      await page.getByText(`This invitation is for ${travellerEmail} as a traveller.`, { exact: false }).waitFor();
      await page.getByLabel('Your name').fill('Tom Traveller');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.waitForURL('**/dashboard**');
      await page.getByRole('heading', { name: 'Hello, Tom' }).waitFor();

      // Sign out, sign in again.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      await signIn(page, travellerEmail);
      await checkpoint(page, '10-traveller-dashboard');
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count()).toBe(0);

      await page.goto('/admin');
      await page.getByText('No access to the admin area').waitFor();
      await page.goto('/admin/members');
      await page.getByText('No access to the admin area').waitFor();
      expect(await page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
      await checkpoint(page, '11-traveller-admin-refused');

      // A used invitation says so as soon as it opens, before anyone types.
      const { page: again } = await newPage(browser);
      await again.goto(inviteUrl);
      await again.getByRole('heading', { level: 1, name: 'This invitation was already used' }).waitFor();
      expect(await again.getByLabel('Your name').count()).toBe(0);
    });
  });
});
