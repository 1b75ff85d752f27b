import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEcbDaily } from './ecb-feed';

/** The shape of the ECB's eurofxref-daily.xml, shortened (made-up rates). */
const ECB_DAILY_FIXTURE = readFileSync(join(__dirname, '../../test/fixtures/eurofxref-daily.xml'), 'utf8');

describe('ECB daily reference rates', () => {
  it('reads the day and every currency of the feed', () => {
    expect(parseEcbDaily(ECB_DAILY_FIXTURE)).toEqual({
      date: '2026-04-01',
      rates: { USD: '1.0800', JPY: '160.00', GBP: '0.84000' },
    });
  });

  it.each([
    ['an HTML error page', '<html><body>Service unavailable</body></html>'],
    ['a day without rates', "<Cube><Cube time='2026-03-13'></Cube></Cube>"],
    ['rates without a day', "<Cube currency='USD' rate='1.1'/>"],
  ])('refuses %s', (_name, xml) => {
    expect(() => parseEcbDaily(xml)).toThrow('not an ECB daily reference rates document');
  });

  it('skips entries whose rate is not a plain decimal within the accepted bounds', () => {
    const rates = ["USD' rate='1e9", "JPY' rate='-1", "GBP' rate='0.0", "SEK' rate='100000000", "CHF' rate='0.93"].map(
      (entry) => `<Cube currency='${entry}'/>`,
    );
    expect(parseEcbDaily(`<Cube><Cube time='2026-04-01'>${rates.join('')}</Cube></Cube>`)).toEqual({
      date: '2026-04-01',
      rates: { CHF: '0.93' },
    });
  });
});
