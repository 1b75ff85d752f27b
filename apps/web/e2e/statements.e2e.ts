import type { Browser } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { pdfPages } from '../../api/test/support/pdf-text';
import { checkpoint } from './support/axe';
import { bookerWithPolicy } from './support/booker';
import { capturingFailures, dayFromToday, launchBrowser, must, newPage, signIn } from './support/harness';

const VIEWS = [
  { width: 1440, height: 900, locale: 'en-US' },
  { width: 1440, height: 900, locale: 'en-GB' },
  { width: 390, height: 844, locale: 'en-US' },
  { width: 390, height: 844, locale: 'en-GB' },
] as const;

/** Issue 11, without Stripe: an admin reads this month's statement with a booked stay and downloads it as CSV and PDF. */
describe('monthly statements', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists a booked stay on the month’s statement and downloads it as CSV and PDF', async () => {
    await capturingFailures(browser, 'statements', async () => {
      const { admin, api } = await bookerWithPolicy('Zoë', {});
      const trip = await must(
        api.POST('/api/trips', {
          body: {
            title: 'Berlin partner summit',
            destination: 'Berlin',
            destinationCountry: 'Germany',
            timezone: 'Europe/Berlin',
            latitude: 52.52,
            longitude: 13.405,
            startDate: dayFromToday(30),
            endDate: dayFromToday(33),
          },
        }),
      );
      const search = await must(
        api.POST('/api/trips/{id}/stay-searches', {
          params: { path: { id: trip.id } },
          body: { checkInDate: dayFromToday(30), checkOutDate: dayFromToday(33), rooms: 1, radiusKm: 10 },
        }),
      );
      const rate = search.items[0];
      const booking = await must(
        api.POST('/api/trips/{id}/bookings', {
          params: { path: { id: trip.id }, header: { 'Idempotency-Key': 'statement-stay' } },
          body: { stayRateId: rate.id },
        }),
      );
      expect(booking.status).toBe('confirmed');
      const hotel = rate.property.name;
      const { amount, currency } = rate.totalAmount;

      for (const view of VIEWS) {
        const { context, page } = await newPage(browser, view, view.locale);
        await signIn(page, admin.email);
        await page.goto('/admin/approvals');
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Statements' }).click();
        await page.getByRole('heading', { name: 'Statements', level: 1 }).waitFor();
        const lines = page.getByRole('table', { name: /^Lines of the .* statement$/ });
        // On a phone each cell's name starts with its column's (the stacked rows' labels).
        await lines.getByRole('cell', { name: new RegExp(`${hotel}, Berlin · 3 nights`) }).waitFor();
        await lines
          .getByRole('cell', { name: new RegExp(`Stay · sandbox Reference ${booking.bookingReference}$`) })
          .waitFor();
        await page.getByText('Provisional', { exact: true }).first().waitFor();
        await checkpoint(page, `statements-01-${view.width}-${view.locale}`);
        await context.close();
      }

      const { context, page } = await newPage(browser, VIEWS[0], 'en-US');
      await signIn(page, admin.email);
      await page.goto('/admin/statements');
      await page.getByRole('table', { name: /^Lines of the/ }).waitFor();
      const [csvDownload, csvResponse] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForResponse((response) => /\/api\/statements\/\d{4}-\d{2}\.csv$/.test(response.url())),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(csvResponse.headers()['content-type']).toMatch(/^text\/csv/);
      expect(csvDownload.suggestedFilename()).toMatch(/^statement-NM-[0-9A-F]{8}-\d{6}\.csv$/);
      const csv = (await readFile((await csvDownload.path())!, 'utf8')).trimEnd().split('\r\n');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(
        `,charge,${booking.id},${booking.bookingReference},stay,sandbox,Berlin partner summit,Zoë,`,
      );
      expect(csv[1]).toMatch(new RegExp(`,${amount.replace('.', '\\.')},${currency}$`));

      const [pdfDownload, pdfResponse] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForResponse((response) => /\/api\/statements\/\d{4}-\d{2}\.pdf$/.test(response.url())),
        page.getByRole('button', { name: 'Download PDF' }).click(),
      ]);
      expect(pdfResponse.headers()['content-type']).toBe('application/pdf');
      expect(pdfDownload.suggestedFilename()).toMatch(/^statement-NM-[0-9A-F]{8}-\d{6}\.pdf$/);
      const pdf = await readFile((await pdfDownload.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfPages(pdf).join('\n').replace(/\s+/g, ' ');
      expect(text).toContain(booking.bookingReference!);
      expect(text).toContain('Zoë');
      expect(text).toContain(hotel.split(' ')[0]);
      expect(text).toContain('Page 1 of 1');
      await context.close();
    });
  });
});
