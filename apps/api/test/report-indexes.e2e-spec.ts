import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { registerOrganization, Session } from './support/factories';
import { OPEN_POLICY } from './support/flight-fixtures';
import { startTestApp, TestApp } from './support/test-app';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/**
 * docs/reports.md § Indexes: on a populated database (41 organizations, ~100k bookings) every
 * statement the spend report really sends — captured from the API, not copied — reads bookings
 * through the report indexes, never by scanning the table (the planner picks an index-only or a
 * bitmap scan by the visibility map).
 */
describe('Spend report indexes', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await registerOrganization(t.api);
    expect(
      (await t.api.put('/api/organizations/current/policy', OPEN_POLICY, { token: admin.accessToken })).status,
    ).toBe(200);
    await t.sql.query(`
      INSERT INTO organizations (id, name) SELECT gen_random_uuid(), 'Org ' || n FROM generate_series(1, 40) n;
      INSERT INTO users (organization_id, email, name, role, password_hash)
        SELECT o.id, 'u' || n || '-' || o.id || '@example.com', 'User ' || n, 'traveller', 'x'
        FROM organizations o, generate_series(1, 3) n;
      INSERT INTO trips (organization_id, traveller_id, title, destination, start_date, end_date, status, cost_centre)
        SELECT u.organization_id, u.id, 'Trip ' || n, 'City ' || (n % 7), DATE '2026-01-01', DATE '2026-01-03', 'approved', 'CC' || (n % 3)
        FROM users u, generate_series(1, 4) n;
      INSERT INTO bookings (organization_id, trip_id, booker_id, passenger_ids, status, supplier, offer_id, supplier_offer_id,
          offer, total_amount, total_currency, policy_verdict, policy_version, policy_reasons, supplier_order_id,
          idempotency_key, request_fingerprint, report_currency, report_rate, emissions_kg, confirmed_at)
        SELECT t.organization_id, t.id, t.traveller_id, ARRAY[t.traveller_id], 'confirmed', 'sandbox', gen_random_uuid(),
               'offer-' || gen_random_uuid(), '{}', 100 + n % 500, 'EUR', 'in_policy', 1, '[]', 'order-' || gen_random_uuid(),
               'key-' || gen_random_uuid(), repeat('0', 64), 'EUR', 1, 120, TIMESTAMPTZ '2025-06-01' + n * INTERVAL '3 days'
        FROM trips t, generate_series(1, 200) n;
      UPDATE bookings SET status = 'cancelled', cancelled_at = confirmed_at + INTERVAL '2 days', refund_amount = 50,
             refund_currency = 'EUR' WHERE total_amount::int % 10 = 0;
    `);
    await t.sql.query('VACUUM ANALYZE bookings');
    await t.sql.query('VACUUM ANALYZE trips');
  });
  afterAll(() => t.close());

  /** The report's statements (those with the CTE `marker`) as the API sends them for `path`, with their parameters. */
  async function reportStatements(
    path: string,
    marker = 'WITH events',
  ): Promise<{ sql: string; parameters: unknown[] }[]> {
    const statements: { sql: string; parameters: unknown[] }[] = [];
    const original = PostgresQueryRunner.prototype.query;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
      this: PostgresQueryRunner,
      ...args: Parameters<PostgresQueryRunner['query']>
    ) {
      // A cursor's query is planned as the query itself.
      if (args[0].includes(marker))
        statements.push({ sql: args[0].replace(/^DECLARE \w+ NO SCROLL CURSOR FOR /, ''), parameters: args[1] ?? [] });
      return original.apply(this, args);
    } as never);
    try {
      expect((await t.api.get(path, { token: admin.accessToken })).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    return statements;
  }

  async function plan(statement: { sql: string; parameters: unknown[] }): Promise<PlanNode[]> {
    const { rows } = await t.sql.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.parameters);
    return nodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  it('reads bookings through the report indexes in every statement, and never scans the table', async () => {
    const statements = await reportStatements('/api/reports/spend?from=2026-01-01&to=2026-12-31');
    expect(statements.length).toBeGreaterThanOrEqual(8);
    for (const statement of statements) {
      const planNodes = await plan(statement);
      const onBookings = planNodes.filter((node) => node['Relation Name'] === 'bookings');
      expect(onBookings.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      // Index (only) scans name their index; a bitmap heap scan's index is on its Bitmap Index Scan child.
      const indexes = planNodes.map((node) => node['Index Name']);
      expect(indexes).toContain('idx_bookings_report_confirmed');
    }
  });

  it("reads a year's monthly spend through both report indexes", async () => {
    const statements = await reportStatements('/api/reports/spend?from=2026-01-01&to=2026-12-31');
    const monthly = statements.find((statement) => statement.sql.includes("'YYYY-MM'"))!;
    const planNodes = await plan(monthly);
    expect(
      planNodes.filter((node) => node['Relation Name'] === 'bookings').map((node) => node['Node Type']),
    ).not.toContain('Seq Scan');
    expect(new Set(planNodes.map((node) => node['Index Name']))).toEqual(
      new Set([undefined, 'idx_bookings_report_confirmed', 'idx_bookings_report_cancelled']),
    );
  });

  it('keeps to the indexes with every filter', async () => {
    const statements = await reportStatements(
      `/api/reports/spend?from=2026-01-01&to=2026-12-31&costCentre=CC1&supplier=sandbox&travellerId=${admin.user.id}`,
    );
    for (const statement of statements) {
      const onBookings = (await plan(statement)).filter((node) => node['Relation Name'] === 'bookings');
      expect(onBookings.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    }
  });

  it('reads a month’s statement and its CSV through both report indexes, and the list of months without a scan (docs/statements.md)', async () => {
    const month = [
      ...(await reportStatements('/api/statements/2026-03', 'WITH lines')),
      ...(await reportStatements('/api/statements/2026-03.csv', 'WITH lines')),
    ];
    const list = await reportStatements('/api/statements', 'WITH lines');
    expect([month.length, list.length]).toEqual([2, 1]);
    for (const statement of [...month, ...list]) {
      const onBookings = (await plan(statement)).filter((node) => node['Relation Name'] === 'bookings');
      expect(onBookings.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    }
    // The list reads the organization's whole history: the planner may take any index on the organization.
    for (const statement of month)
      expect((await plan(statement)).map((node) => node['Index Name'])).toEqual(
        expect.arrayContaining(['idx_bookings_report_confirmed', 'idx_bookings_report_cancelled']),
      );
  });
});
