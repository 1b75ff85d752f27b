import type { Browser } from 'playwright-core';
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

/** docs/booking.md § Travellers and passenger profiles, in the browser. */
describe('passenger profile and trip travellers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a traveller fills in their passenger profile from the navigation, sees a refused field explained under it, saves, and finds it again', async () => {
    await capturingFailures(browser, 'passenger-profile', async () => {
      const admin = await registerOrganization('Paula');
      const { context, page } = await newPage(browser, { width: 1280, height: 900 });
      await signIn(page, admin.email);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Passenger profile' }).click();
      await page.getByRole('heading', { level: 1, name: 'My passenger profile' }).waitFor();
      await page.getByText('You have no passenger profile yet').waitFor();

      const form = page.getByRole('form', { name: 'Passenger profile' });
      await form.getByLabel('Title').selectOption('dr');
      await form.getByLabel('Given names').fill('Paula');
      await form.getByLabel('Family name').fill('Ortega-Smith');
      await form.getByLabel('Date of birth').fill('1984-02-29');
      await form.getByLabel('Mobile phone').fill('020 7123 4567');
      await form.getByLabel('Passport number', { exact: false }).fill('p1234567');
      await form.getByLabel('Frequent flyer airline', { exact: false }).fill('BA');
      await form.getByLabel('Frequent flyer number', { exact: false }).fill('8192 0033');
      await form.getByRole('button', { name: 'Save profile' }).click();

      // The API refuses a phone number without its country code; the message sits under the field.
      const phone = form.getByLabel('Mobile phone');
      await page.waitForFunction(
        () => document.querySelector('input[type="tel"]')?.getAttribute('aria-invalid') === 'true',
      );
      const describedBy = await phone.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/E\.164/);
      await expectNoSeriousA11yViolations(page, 'passenger profile with an error');
      await screenshot(page, 'passenger-profile-error');

      await phone.fill('+44 20 7123 4567');
      await form.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Saved. Your next bookings use these details.').waitFor();

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'My passenger profile' }).waitFor();
      await page.waitForFunction(
        () => (document.querySelector('input[type="tel"]') as HTMLInputElement | null)?.value === '+442071234567',
      );
      expect(await form.getByLabel('Date of birth').inputValue()).toBe('1984-02-29');
      expect(await form.getByLabel('Passport number', { exact: false }).inputValue()).toBe('P1234567');
      expect(await form.getByLabel('Title').inputValue()).toBe('dr');
      await expectNoSeriousA11yViolations(page, 'passenger profile saved');
      await screenshot(page, 'passenger-profile-saved');

      const stored = await must(apiAs(admin.token).GET('/api/users/me/passenger-profile'));
      expect(stored).toMatchObject({
        givenName: 'Paula',
        familyName: 'Ortega-Smith',
        loyaltyProgrammes: [{ airlineIataCode: 'BA', accountNumber: '81920033' }],
      });
      await context.close();
    });
  });

  it('a co-traveller sees the trip among their trips, with everyone on it named', async () => {
    await capturingFailures(browser, 'trip-travellers', async () => {
      const admin = await registerOrganization('Lena');
      const api = apiAs(admin.token);
      const email = unique('colleague');
      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email, role: 'traveller' } }),
      );
      const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
      const colleague = await must(
        apiAs(null).POST('/api/auth/accept-invitation', {
          body: { token, name: 'Carl Colleague', password: PASSWORD },
        }),
      );
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Lisbon offsite',
            destination: 'Lisbon',
            startDate: dayFromToday(20),
            endDate: dayFromToday(22),
            coTravellerIds: [colleague.user.id],
          },
        }),
      );

      const { context, page } = await newPage(browser, { width: 1280, height: 900 });
      await signIn(page, email);
      await page.goto('/trips');
      await page.getByRole('link', { name: 'Lisbon offsite' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lisbon offsite' }).waitFor();
      await page.getByText('Travellers: Lena, You').waitFor();
      await page.getByText('You travel on this trip; Lena plans it with the approvers.').waitFor();
      expect(await page.getByRole('link', { name: '← My trips' }).count()).toBe(1);
      // Seeing is all a co-traveller may do: no edit or submit button.
      expect(await page.getByRole('link', { name: 'Edit details' }).count()).toBe(0);
      await expectNoSeriousA11yViolations(page, 'co-traveller trip page');
      await screenshot(page, 'trip-travellers-co-traveller');
      expect(trip.travellers.map((traveller) => traveller.name)).toEqual(['Lena', 'Carl Colleague']);
      await context.close();
    });
  });
  it("an admin fills in a member's passenger profile from the members page", async () => {
    await capturingFailures(browser, 'member-passenger-profile', async () => {
      const admin = await registerOrganization('Ada');
      const api = apiAs(admin.token);
      const invitation = await must(
        api.POST('/api/organizations/current/invitations', { body: { email: unique('newhire'), role: 'traveller' } }),
      );
      const token = new URL(invitation.inviteUrl).pathname.split('/').pop()!;
      const hire = await must(
        apiAs(null).POST('/api/auth/accept-invitation', { body: { token, name: 'Nia Newhire', password: PASSWORD } }),
      );

      const { context, page } = await newPage(browser, { width: 1280, height: 900 });
      await signIn(page, admin.email);
      await page.goto('/admin/members');
      await page.getByRole('link', { name: 'Passenger profile of Nia Newhire' }).click();
      await page.getByRole('heading', { level: 1, name: 'Passenger profile: Nia Newhire' }).waitFor();
      await page.getByText('No passenger profile yet').waitFor();
      const form = page.getByRole('form', { name: 'Passenger profile' });
      expect(await form.getByLabel('E-mail for travel notices').inputValue()).toBe(hire.user.email);
      await form.getByLabel('Title').selectOption('ms');
      await form.getByLabel('Given names').fill('Nia');
      await form.getByLabel('Family name').fill('Newhire');
      await form.getByLabel('Date of birth').fill('1995-10-01');
      await form.getByLabel('Mobile phone').fill('+49 30 1234567');
      await form.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Saved. Bookings for their trips use these details.').waitFor();
      await expectNoSeriousA11yViolations(page, "a member's passenger profile");
      await screenshot(page, 'member-passenger-profile');

      const mine = await must(apiAs(hire.accessToken).GET('/api/users/me/passenger-profile'));
      expect(mine).toMatchObject({
        givenName: 'Nia',
        familyName: 'Newhire',
        bornOn: '1995-10-01',
        phoneNumber: '+49301234567',
      });
      await context.close();
    });
  });
});
