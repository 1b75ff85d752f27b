import { jsonRecordsetInsert } from './json-recordset-insert';

describe('jsonRecordsetInsert', () => {
  it('inserts the fixed values and each column from its field of the JSON rows, skipping conflicts', () => {
    const sql = jsonRecordsetInsert(
      'flight_offers',
      { organization_id: '$organization::uuid', search_id: '$1::uuid' },
      [
        { column: 'supplier_offer_id', field: 'supplierOfferId', type: 'varchar' },
        { column: 'stops', field: 'stops', type: 'smallint' },
      ],
      '$2',
    );
    expect(sql.replace(/\s+/g, ' ')).toBe(
      'INSERT INTO flight_offers (organization_id, search_id, supplier_offer_id, stops) ' +
        'SELECT $organization::uuid, $1::uuid, "supplierOfferId", "stops" ' +
        'FROM jsonb_to_recordset($2::jsonb) AS r("supplierOfferId" varchar, "stops" smallint) ' +
        'ON CONFLICT DO NOTHING',
    );
  });
});
