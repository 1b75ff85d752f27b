import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  PASSWORD,
  registerOrganization,
  screenshot,
  signIn,
  unique,
} from './support/harness';

type Api = ReturnType<typeof apiAs>;

/** Issue 8, "Approvals and decisions" and "Admin area", as a manager, a traveller and an admin meet them. */
describe('approvals, decisions and the admin area', () => {
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof registerOrganization>>;
  let adminApi: Api;
  const people: Record<'manager' | 'traveller', { email: string; id: string; api: Api }> = {} as never;

  /**
   * Looks at the page as people do: on a desktop and on a phone, with axe on both. The trip page
   * skips axe (`axe: false`): its map's attribution is the map's own e2e's to check.
   */
  async function look(page: Page, name: string, { axe = true } = {}) {
    if (axe) await expectNoSeriousA11yViolations(page, name);
    await screenshot(page, `${name}-1440`);
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    if (axe) await expectNoSeriousA11yViolations(page, `${name} (phone)`);
    await screenshot(page, `${name}-390`);
    await page.setViewportSize(viewport);
  }

  async function join(role: 'manager' | 'traveller', name: string) {
    const invitation = await must(
      adminApi.POST('/api/organizations/current/invitations', { body: { email: unique(role), role } }),
    );
    const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
    const auth = await must(
      apiAs(null).POST('/api/auth/accept-invitation', { body: { token, name, password: PASSWORD } }),
    );
    people[role] = { email: auth.user.email, id: auth.user.id, api: apiAs(auth.accessToken) };
  }

  async function submittedTrip(title: string, activities: string[] = []) {
    const { api } = people.traveller;
    const trip = await must(
      api.POST('/api/trips', {
        body: {
          title,
          destination: 'Lisbon',
          destinationCountry: 'Portugal',
          timezone: 'Europe/Lisbon',
          latitude: 38.72,
          longitude: -9.14,
          startDate: dayFromToday(20),
          endDate: dayFromToday(22),
        },
      }),
    );
    for (const [index, activity] of activities.entries()) {
      await must(
        api.POST('/api/trips/{tripId}/activities', {
          params: { path: { tripId: trip.id } },
          body: {
            title: activity,
            type: 'meeting',
            startsAt: `${dayFromToday(20 + index)}T09:30:00+00:00`,
            timezone: 'Europe/Lisbon',
          },
        }),
      );
    }
    await must(api.POST('/api/trips/{id}/submit', { params: { path: { id: trip.id } }, body: {} }));
    return trip;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await registerOrganization('Ada');
    adminApi = apiAs(admin.token);
    await join('manager', 'Mia Manager');
    await join('traveller', 'Tom Traveller');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('counts waiting trips in the navigation, previews them, and explains a decision taken in another tab', async () => {
    await capturingFailures(browser, 'approvals-queue', async () => {
      const lisbon = await submittedTrip('Lisbon customer visit', ['Quarterly review', 'Factory tour']);
      const porto = await submittedTrip('Porto supplier day');

      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, people.manager.email);
      const badge = page.getByRole('navigation', { name: 'Main' }).getByTestId('approvals-waiting');
      await expect(badge.textContent()).resolves.toBe('2');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^Admin\s*, 2 waiting for approval$/ })
        .waitFor();

      await page.goto('/admin/approvals');
      const lisbonCard = page.getByRole('region', { name: 'Lisbon customer visit' });
      const portoCard = page.getByRole('region', { name: 'Porto supplier day' });
      await lisbonCard.getByText(/^Waiting (less than a minute|\d+ min)$/).waitFor();
      const preview = lisbonCard.getByRole('list', { name: 'Itinerary preview' });
      await preview.getByText('09:30 Quarterly review').waitFor();
      await preview.getByText('Day 2').waitFor();
      await portoCard.getByText('No activities planned yet.').waitFor();
      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: /^Approvals\s*, 2 waiting for approval$/ })
        .waitFor();
      await look(page, 'issue8-approvals-queue');

      // The admin approves Porto elsewhere; the manager's card still shows the buttons until clicked.
      await must(adminApi.POST('/api/trips/{id}/approve', { params: { path: { id: porto.id } }, body: {} }));
      await portoCard.getByRole('button', { name: 'Approve', exact: true }).click();
      await portoCard.getByText(/^Already decided: Ada approved it \(.+\), in another tab or window\./).waitFor();
      expect(await portoCard.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
      expect(await portoCard.getByRole('button', { name: 'Reject…' }).count()).toBe(0);
      expect(await portoCard.getByRole('button', { name: 'Approve with a comment…' }).count()).toBe(0);
      await portoCard.getByText('Approved', { exact: true }).waitFor();
      await look(page, 'issue8-approvals-conflict');

      await portoCard.getByRole('button', { name: 'Remove from the queue' }).click();
      await portoCard.waitFor({ state: 'detached' });
      await lisbonCard.getByRole('button', { name: 'Approve with a comment…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Approve “Lisbon customer visit”' });
      await dialog.getByLabel('Comment (optional)').fill('Enjoy Lisbon; book the hotel by Friday.');
      await dialog.getByRole('button', { name: 'Approve trip' }).click();
      await page.getByText('“Lisbon customer visit”: Approved: the traveller has been notified.').waitFor();
      await page.getByText('Nothing waits for approval').waitFor();
      await badge.waitFor({ state: 'detached' });
      expect((await must(adminApi.GET('/api/trips/{id}', { params: { path: { id: lisbon.id } } }))).status).toBe(
        'approved',
      );

      // The traveller reads the approver's comment on the trip page.
      const { page: traveller } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(traveller, people.traveller.email);
      await traveller.goto(`/trips/${lisbon.id}`);
      await traveller.getByText(/^Approved by Mia Manager on /).waitFor();
      await traveller.getByText('Enjoy Lisbon; book the hotel by Friday.').waitFor();
    });
  });

  it('shows the traveller why a trip was rejected, and lets them revise and resubmit it', async () => {
    await capturingFailures(browser, 'trip-decision', async () => {
      const trip = await submittedTrip('Madrid fair', ['Stand set-up']);
      await must(
        people.manager.api.POST('/api/trips/{id}/reject', {
          params: { path: { id: trip.id } },
          body: { reason: 'Two nights are enough; please shorten the stay.' },
        }),
      );

      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, people.traveller.email);
      await page.goto(`/trips/${trip.id}`);
      await page.getByText(/^Rejected by Mia Manager on /).waitFor();
      await page.getByText('Two nights are enough; please shorten the stay.').waitFor();
      await look(page, 'issue8-trip-rejected', { axe: false });

      await page.getByRole('button', { name: 'Revise and resubmit' }).click();
      await page.getByText(/^Revising after a rejection by Mia Manager on /).waitFor();
      await page.getByText('Two nights are enough; please shorten the stay.').waitFor();
      await page.getByRole('link', { name: 'Edit details' }).waitFor();
      await look(page, 'issue8-trip-revising', { axe: false });
      await page.getByRole('button', { name: 'Submit for approval' }).click();
      await page.getByText('The revised trip is waiting for approval.').waitFor();
      expect((await must(adminApi.GET('/api/trips/{id}', { params: { path: { id: trip.id } } }))).status).toBe(
        'submitted',
      );
    });
  });

  it('checks an invitation link on load, and revoking asks first and removes the dead link', async () => {
    await capturingFailures(browser, 'invitations', async () => {
      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, admin.email);
      await page.goto('/admin/invitations');
      const email = unique('ines');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Role').selectOption('manager');
      await page.getByRole('button', { name: 'Send invitation' }).click();
      const inviteUrl = await page.getByTestId('invite-url').inputValue();

      // Before anyone types: which organization, which address, which role.
      const { page: invitee } = await newPage(browser, { width: 1440, height: 900 });
      await invitee.goto(inviteUrl);
      await invitee.getByRole('heading', { level: 1, name: "Join Ada's company on NestMap" }).waitFor();
      await invitee.getByText(`This invitation is for ${email} as a manager.`, { exact: false }).waitFor();
      await look(invitee, 'issue8-invitation-pending');

      await page.getByRole('button', { name: `Revoke the invitation for ${email}` }).click();
      const dialog = page.getByRole('dialog', { name: `Revoke the invitation for ${email}?` });
      await dialog.getByRole('button', { name: 'Keep the invitation' }).click();
      await page.getByTestId('invite-url').waitFor();
      await page.getByRole('button', { name: `Revoke the invitation for ${email}` }).click();
      await look(page, 'issue8-invitation-revoke-confirm');
      await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
      await page.getByText(`The invitation for ${email} is revoked: its link no longer works.`).waitFor();
      expect(await page.getByTestId('invite-url').count()).toBe(0);
      await page
        .getByRole('row', { name: new RegExp(email) })
        .getByText('Revoked')
        .waitFor();

      await invitee.reload();
      await invitee.getByRole('heading', { level: 1, name: 'This invitation was withdrawn' }).waitFor();
      expect(await invitee.getByLabel('Your name').count()).toBe(0);
      await look(invitee, 'issue8-invitation-revoked');

      await invitee.goto('/invite/not-a-real-invitation-link');
      await invitee.getByRole('heading', { level: 1, name: 'This invitation link is not valid' }).waitFor();
    });
  });

  it("changes a member's role only on save, and asks before making someone an admin", async () => {
    await capturingFailures(browser, 'member-roles', async () => {
      const role = async () =>
        (
          await must(adminApi.GET('/api/organizations/current/members', { params: { query: { limit: 100 } } }))
        ).items.find((member) => member.id === people.traveller.id)?.role;
      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, admin.email);
      await page.goto('/admin/members');
      const select = page.getByRole('combobox', { name: 'Role of Tom Traveller' });
      await select.selectOption('manager');
      await page.getByRole('button', { name: 'Save role for Tom Traveller' }).waitFor();
      await page.waitForTimeout(500);
      expect(await role()).toBe('traveller');
      await look(page, 'issue8-members-unsaved-role');
      await page.getByRole('button', { name: 'Save role for Tom Traveller' }).click();
      await page.getByText('Tom Traveller is now manager.').waitFor();
      expect(await role()).toBe('manager');

      await select.selectOption('admin');
      await page.getByRole('button', { name: 'Save role for Tom Traveller' }).click();
      const dialog = page.getByRole('dialog', { name: 'Make Tom Traveller an admin?' });
      await look(page, 'issue8-members-promote-confirm');
      await dialog.getByRole('button', { name: 'Keep manager' }).click();
      expect(await role()).toBe('manager');
      await page.getByRole('button', { name: 'Save role for Tom Traveller' }).click();
      await dialog.getByRole('button', { name: 'Make admin' }).click();
      await page.getByText('Tom Traveller is now admin.').waitFor();
      expect(await role()).toBe('admin');
      // Back to traveller for the other tests' sake.
      await must(
        adminApi.PATCH('/api/organizations/current/members/{userId}', {
          params: { path: { userId: people.traveller.id } },
          body: { role: 'traveller' },
        }),
      );
    });
  });

  it('asks before leaving unsaved policy edits', async () => {
    await capturingFailures(browser, 'policy-unsaved', async () => {
      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, admin.email);
      await page.goto('/admin/policy');
      await page.getByLabel('Max hotel rate per night (optional)').fill('199');
      await page.getByRole('status').getByText('Unsaved changes').waitFor();
      await look(page, 'issue8-policy-unsaved');

      const questions: string[] = [];
      page.once('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Members' }).click();
      await page.waitForTimeout(500);
      expect(questions).toEqual(['You have unsaved changes. Leave this page and lose them?']);
      expect(new URL(page.url()).pathname).toBe('/admin/policy');
      await expect(page.getByLabel('Max hotel rate per night (optional)').inputValue()).resolves.toBe('199');

      // The browser's Back button asks too; refused, the page and its edits stay.
      page.once('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await page.evaluate(() => window.history.back());
      await page.waitForTimeout(500);
      expect(questions).toHaveLength(2);
      expect(new URL(page.url()).pathname).toBe('/admin/policy');
      await expect(page.getByLabel('Max hotel rate per night (optional)').inputValue()).resolves.toBe('199');

      // Accepted, Back goes where it would have gone: the page before the policy.
      page.once('dialog', (dialog) => void dialog.accept());
      await page.evaluate(() => window.history.back());
      await page.waitForURL((url) => url.pathname !== '/admin/policy');
    });
  });

  it('names who and what in the audit log, filters by a listed action and dates, and exports safe CSV', async () => {
    await capturingFailures(browser, 'audit', async () => {
      const trip = await submittedTrip('=HYPERLINK("http://evil.test","Offsite")');
      await must(
        adminApi.PATCH('/api/organizations/current/members/{userId}', {
          params: { path: { userId: people.traveller.id } },
          body: { active: false },
        }),
      );
      await must(
        adminApi.PATCH('/api/organizations/current/members/{userId}', {
          params: { path: { userId: people.traveller.id } },
          body: { active: true },
        }),
      );
      await must(
        people.manager.api.POST('/api/trips/{id}/reject', {
          params: { path: { id: trip.id } },
          body: { reason: 'No' },
        }),
      );
      const { page } = await newPage(browser, { width: 1440, height: 900 });
      await signIn(page, admin.email);
      await page.goto('/admin/audit');
      await page.getByLabel('Action').selectOption({ label: 'Trip rejected' });
      const row = page.getByRole('row', { name: /Trip rejected.*=HYPERLINK/ });
      await row.getByText('Mia Manager').waitFor();
      await row.getByRole('link', { name: '=HYPERLINK("http://evil.test","Offsite")' }).waitFor();
      await page.getByLabel('Action').selectOption({ label: 'Member deactivated' });
      await page.getByRole('row', { name: /You.*Member deactivated.*Tom Traveller/ }).waitFor();
      await look(page, 'issue8-audit');

      await page.getByLabel('From').fill(dayFromToday(2));
      await page.getByText('No entry matches').waitFor();
      await page.getByLabel('From').fill('');
      await page.getByLabel('Action').selectOption({ label: 'Trip rejected' });
      await row.waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe('time,action,actor,object type,object,from,to,reason,actor id,object id');
      expect(lines.slice(1).every((line) => line.split(',')[1] === 'trip.rejected')).toBe(true);
      expect(csv).toContain(`,Mia Manager,trip,"'=HYPERLINK(""http://evil.test"",""Offsite"")",submitted,rejected,No,`);
    });
  });
});
