import { offerSql } from './offer-query';

const AT = new Date('2027-01-10T08:00:00Z');

describe("the SQL of a search's offers", () => {
  it('reads the unexpired offers of one search of the caller’s organization, cheapest first by default', () => {
    expect(offerSql('search-1', AT, { sort: 'price', order: 'asc' })).toEqual({
      where: ['o.organization_id = $organization', 'o.search_id = $1', 'o.expires_at > $2'],
      parameters: ['search-1', AT],
      orderBy: 'o.policy_amount ASC NULLS LAST, o.duration_minutes ASC, o.id ASC',
    });
  });

  it('sorts by duration or emissions with price, then id, breaking ties (emissions unknown last)', () => {
    expect(offerSql('s', AT, { sort: 'duration', order: 'asc' }).orderBy).toBe(
      'o.duration_minutes ASC NULLS LAST, o.policy_amount ASC, o.id ASC',
    );
    expect(offerSql('s', AT, { sort: 'emissions', order: 'desc' }).orderBy).toBe(
      'o.emissions_kg DESC NULLS LAST, o.policy_amount ASC, o.duration_minutes ASC, o.id ASC',
    );
    expect(offerSql('s', AT, { sort: 'price', order: 'desc' }).orderBy).toBe(
      'o.policy_amount DESC NULLS LAST, o.duration_minutes ASC, o.id ASC',
    );
  });

  it('filters by stops, airlines (any of them, as bound values) and the verdict', () => {
    const sql = offerSql('s', AT, {
      sort: 'price',
      order: 'asc',
      maxStops: 0,
      airlines: ['LH', 'UA'],
      inPolicyOnly: true,
    });
    expect(sql.where.slice(3)).toEqual(['o.stops <= $3', 'o.carriers && $4::varchar[]', "o.verdict = 'in_policy'"]);
    expect(sql.parameters).toEqual(['s', AT, 0, ['LH', 'UA']]);
  });

  it('leaves out the filters not asked for', () => {
    expect(offerSql('s', AT, { sort: 'price', order: 'asc', airlines: [], inPolicyOnly: false }).where).toHaveLength(3);
  });
});
