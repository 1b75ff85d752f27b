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
    expect(planNodes.map((node) => node['Node Type'])).toEqual(expect.arrayContaining([expect.stringMatching(/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/)]));
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

  it('uses an index for the access-token user check and the organization members list', async () => {
    expectIndexScan(await plan('SELECT id, organization_id, role, active, token_version FROM users WHERE id = $1', [traveller]), 'users');
    expectIndexScan(await plan('SELECT * FROM users WHERE organization_id = $1 ORDER BY created_at LIMIT 20', [org]), 'users');
  });
});
