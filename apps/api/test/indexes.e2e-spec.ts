import { startTestApp, TestApp } from './support/test-app';

/**
 * docs/deployment.md § Performance: on a populated database the trip list and the itinerary read use
 * index scans. The SQL below is the shape the repositories send (trips.repository.ts,
 * activities.repository.ts, the token check in users.repository.ts).
 */
describe('Indexes on a populated database', () => {
  let t: TestApp;
  let org: string;
  let traveller: string;
  let trip: string;

  beforeAll(async () => {
    t = await startTestApp();
    // 40 organizations × 500 trips × 5 activities = 20k trips and 100k activities.
    await t.sql.query(`
      INSERT INTO organizations (id, name) SELECT gen_random_uuid(), 'Org ' || n FROM generate_series(1, 40) n;
      INSERT INTO users (organization_id, email, name, role, password_hash)
        SELECT o.id, 'u' || n || '-' || o.id || '@example.com', 'User ' || n, 'traveller', 'x'
        FROM organizations o, generate_series(1, 10) n;
      INSERT INTO trips (organization_id, traveller_id, title, destination, start_date, end_date, status)
        SELECT u.organization_id, u.id, 'Trip ' || n, 'City ' || (n % 50), DATE '2026-01-01' + (n % 300), DATE '2026-01-01' + (n % 300) + 3,
               (ARRAY['draft','submitted','approved','completed']::trip_status[])[1 + n % 4]
        FROM users u, generate_series(1, 50) n;
      INSERT INTO activities (organization_id, trip_id, title, type, starts_at, timezone, position)
        SELECT t.organization_id, t.id, 'Activity ' || n, 'meeting', t.start_date + make_interval(hours => 9 + n), 'UTC', n
        FROM trips t, generate_series(0, 4) n;
      ANALYZE;
    `);
    const row = (await t.sql.query('SELECT organization_id, traveller_id, id FROM trips LIMIT 1')).rows[0];
    [org, traveller, trip] = [row.organization_id, row.traveller_id, row.id];
  });
  afterAll(() => t.close());

  interface PlanNode {
    'Node Type': string;
    'Relation Name'?: string;
    Plans?: PlanNode[];
  }

  function nodes(node: PlanNode): PlanNode[] {
    return [node, ...(node.Plans ?? []).flatMap(nodes)];
  }

  async function plan(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const { rows } = await t.sql.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  /** The plan reads `table` through an index and never scans it sequentially. */
  function expectIndexScan(planNodes: PlanNode[], table: string): void {
    const onTable = planNodes.filter((node) => node['Relation Name'] === table);
    expect(onTable.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(planNodes.map((node) => node['Node Type'])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/)]),
    );
  }

  it("uses an index for a manager's trip list page (organization, sorted by start date)", async () => {
    const sql = `SELECT * FROM trips trip WHERE trip.organization_id = $1 ORDER BY trip.start_date ASC, trip.id ASC LIMIT 20`;
    expectIndexScan(await plan(sql, [org]), 'trips');
  });

  it("uses an index for a traveller's filtered trip list", async () => {
    const sql = `SELECT * FROM trips trip WHERE trip.organization_id = $1 AND trip.traveller_id = $2 AND trip.status IN ($3, $4)
                 AND trip.end_date >= $5 ORDER BY trip.start_date ASC, trip.id ASC LIMIT 20`;
    expectIndexScan(await plan(sql, [org, traveller, 'draft', 'approved', '2026-03-01']), 'trips');
  });

  it('uses an index for the text search', async () => {
    const sql = `SELECT * FROM trips trip WHERE trip.organization_id = $1 AND (trip.title ILIKE $2 OR trip.destination ILIKE $2) LIMIT 20`;
    expectIndexScan(await plan(sql, [org, '%City 42%']), 'trips');
  });

  it('uses an index for the itinerary read', async () => {
    const sql = `SELECT * FROM activities activity WHERE activity.organization_id = $1 AND activity.trip_id = $2
                 ORDER BY activity.position ASC, activity.starts_at ASC`;
    expectIndexScan(await plan(sql, [org, trip]), 'activities');
  });

  it("uses an index for a flight search's page of offers and its cheapest in-policy offer (offer-query.ts)", async () => {
    // 200 searches of 200 offers each in the first organization.
    const { rows } = await t.sql.query(
      `INSERT INTO flight_searches (organization_id, trip_id, searched_by_id, supplier, supplier_search_id, slices, passengers, cabin, policy_version, policy_currency, offer_count, expires_at)
         SELECT $1, $2, $3, 'sandbox', 'sbx_' || n, '[]', 1, 'economy', 1, 'EUR', 200, now() + interval '30 minutes' FROM generate_series(1, 200) n
       RETURNING id`,
      [org, trip, traveller],
    );
    await t.sql.query(
      `INSERT INTO flight_offers (organization_id, search_id, supplier_offer_id, offer, total_amount, total_currency, policy_amount, emissions_kg, duration_minutes, stops, carriers, verdict, reasons, expires_at)
         SELECT $1, s.id, 'off_' || n, '{}', 100 + n, 'EUR', 100 + n, 300, 500 + n, n % 2, '{LH}', (ARRAY['in_policy','needs_approval'])[1 + n % 2], '[]', now() + interval '30 minutes'
           FROM unnest($2::uuid[]) s(id), generate_series(1, 200) n`,
      [org, rows.map((row: { id: string }) => row.id)],
    );
    await t.sql.query('ANALYZE flight_offers');
    const search = rows[0].id;
    const where = `o.organization_id = $1 AND o.search_id = $2 AND o.expires_at > now()`;
    expectIndexScan(
      await plan(
        `SELECT * FROM flight_offers o WHERE ${where} ORDER BY o.policy_amount ASC NULLS LAST, o.duration_minutes ASC, o.id ASC LIMIT 20`,
        [org, search],
      ),
      'flight_offers',
    );
    expectIndexScan(
      await plan(
        `SELECT * FROM flight_offers o WHERE ${where} AND o.verdict = 'in_policy' ORDER BY o.policy_amount ASC NULLS LAST LIMIT 1`,
        [org, search],
      ),
      'flight_offers',
    );
    expectIndexScan(
      await plan(
        `SELECT * FROM flight_offers o WHERE ${where} AND o.stops <= 0 ORDER BY o.duration_minutes ASC NULLS LAST, o.policy_amount ASC, o.id ASC LIMIT 20`,
        [org, search],
      ),
      'flight_offers',
    );
  });

  it('uses an index for the access-token user check and the organization members list', async () => {
    expectIndexScan(
      await plan('SELECT id, organization_id, role, active, token_version FROM users WHERE id = $1', [traveller]),
      'users',
    );
    expectIndexScan(
      await plan('SELECT * FROM users WHERE organization_id = $1 ORDER BY created_at LIMIT 20', [org]),
      'users',
    );
  });
});
