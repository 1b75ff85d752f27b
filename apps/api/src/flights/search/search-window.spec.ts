import { FieldErrorCode } from '../../common/errors/error-codes';
import { searchWindowErrors } from './search-window';

// 20:00 UTC on 9 January: already 10 January in Tokyo, still 9 January in Frankfurt and New York.
const NOW = new Date('2027-01-09T20:00:00Z');

describe('the dates a search may ask for', () => {
  it('accepts today at the origin up to 360 days ahead, in travel order', () => {
    expect(
      searchWindowErrors(
        [
          { origin: 'FRA', destination: 'JFK', departureDate: '2027-01-09' },
          { origin: 'JFK', destination: 'FRA', departureDate: '2027-01-09' },
          { origin: 'FRA', destination: 'NRT', departureDate: '2028-01-04' },
        ],
        NOW,
      ),
    ).toEqual([]);
  });

  it("counts today on the origin's calendar", () => {
    const fromTokyo = searchWindowErrors([{ origin: 'NRT', destination: 'FRA', departureDate: '2027-01-09' }], NOW);
    expect(fromTokyo).toEqual([
      expect.objectContaining({ field: 'slices.0.departureDate', code: FieldErrorCode.TooSmall }),
    ]);
  });

  it('refuses dates too far ahead and slices out of order, naming each field', () => {
    const errors = searchWindowErrors(
      [
        { origin: 'FRA', destination: 'JFK', departureDate: '2027-03-01' },
        { origin: 'JFK', destination: 'FRA', departureDate: '2027-02-01' },
        { origin: 'FRA', destination: 'JFK', departureDate: '2028-01-05' },
      ],
      NOW,
    );
    expect(errors.map(({ field, code }) => [field, code])).toEqual([
      ['slices.1.departureDate', FieldErrorCode.Invalid],
      ['slices.2.departureDate', FieldErrorCode.TooLarge],
    ]);
  });
});
