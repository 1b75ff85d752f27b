import type { Browser } from 'playwright-core';
import Stripe from 'stripe';
import { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } from '../../api/test/support/fake-stripe-server';
import { checkpoint } from './support/axe';
import {
  apiAs,
  capturingFailures,
  dayFromToday,
  launchBrowser,
  must,
  newPage,
  registerOrganization,
  signIn,
  urls,
} from './support/harness';

/**
 * Issue 11 § Payments: an admin saves the organization's card through Stripe Checkout (the API's
 * fake Stripe; the hosted page is a stand-in here), sees its brand and last four, and a booking
 * shows it charged.
 */
describe('the payment method', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows "invoiced", saves a card through Checkout, and the next booking is charged to it', async () => {
    await capturingFailures(browser, 'payment-method', async () => {
      const admin = await registerOrganization('Paula');
      const api = apiAs(admin.token);
      const { page } = await newPage(browser, { width: 1280, height: 860 });
      await signIn(page, admin.email);
      await page.goto('/admin/approvals');
      await page.getByRole('navigation').getByRole('link', { name: 'Payment method' }).click();
      await page.getByRole('heading', { name: 'Payment method', level: 1 }).waitFor();
      await page.getByText('No card — bookings are invoiced to your organization.').waitFor();
      await checkpoint(page, 'payment-method-01-no-card');

      // Stripe's hosted page is out of reach here: a stand-in answers, and the admin "enters" the card on the fake.
      await page.route('https://checkout.stripe.com/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<title>Checkout</title><h1>Stripe Checkout</h1>' }),
      );
      await page.getByRole('button', { name: 'Add card' }).click();
      await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\//);
      const sessionId = new URL(page.url()).pathname.split('/').pop()!;
      const { stripeUrl } = urls();
      const completed = await fetch(`${stripeUrl}/_fake/checkout/sessions/${sessionId}/complete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'last4=4242',
      });
      const { session } = (await completed.json()) as { session: Record<string, unknown> };
      const event = JSON.stringify({
        id: `evt_${sessionId}`,
        object: 'event',
        type: 'checkout.session.completed',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: { object: session },
      });
      const delivered = await fetch(`${urls().apiUrl}/api/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': new Stripe(STRIPE_SECRET_KEY).webhooks.generateTestHeaderString({
            payload: event,
            secret: STRIPE_WEBHOOK_SECRET,
          }),
        },
        body: event,
      });
      expect(await delivered.json()).toEqual({ received: true, outcome: 'card_saved' });

      // Stripe sends the admin back to the page.
      await page.unroute('https://checkout.stripe.com/**');
      await page.goto(`/admin/payment-method?checkout=success&session_id=${sessionId}`);
      await page.getByText('Visa ···· 4242').waitFor();
      await page.getByRole('button', { name: 'Replace card' }).waitFor();
      await checkpoint(page, 'payment-method-02-card');

      // A booking is charged to the card, and the trip's bookings say so.
      await must(
        api.PUT('/api/organizations/current/policy', {
          body: {
            currency: 'EUR',
            allowedCabinClasses: ['economy'],
            maxFlightFare: null,
            maxHotelNightlyRate: null,
            minAdvanceBookingDays: 0,
            tripBudgetCeiling: null,
          },
        }),
      );
      await must(
        api.PUT('/api/users/me/passenger-profile', {
          body: {
            givenName: 'Paula',
            familyName: 'Pay',
            bornOn: '1984-05-06',
            gender: 'f',
            title: 'ms',
            email: admin.email,
            phoneNumber: '+442071234567',
          },
        }),
      );
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Lisbon offsite',
            destination: 'Lisbon',
            startDate: dayFromToday(30),
            endDate: dayFromToday(33),
          },
        }),
      );
      const search = await must(
        api.POST('/api/trips/{id}/flight-searches', {
          params: { path: { id: trip.id } },
          body: { slices: [{ origin: 'LHR', destination: 'LIS', departureDate: dayFromToday(30) }], cabin: 'economy' },
        }),
      );
      const booking = await must(
        api.POST('/api/trips/{id}/bookings', {
          params: { path: { id: trip.id }, header: { 'Idempotency-Key': 'card-booking' } },
          body: { offerId: search.items[0].id },
        }),
      );
      expect(booking.payment).toMatchObject({ method: 'card', status: 'captured', card: { last4: '4242' } });
      await page.goto(`/trips/${trip.id}/flights`);
      const bookings = page.getByRole('region', { name: 'Bookings' });
      await bookings.getByText('Visa ···· 4242 charged').waitFor();
      await checkpoint(page, 'payment-method-03-booking-charged');

      // Removing the card: invoiced again.
      await page.goto('/admin/payment-method');
      await page.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('button', { name: 'Remove the card' }).click();
      await page.getByText('No card — bookings are invoiced to your organization.').waitFor();
    });
  });
});
