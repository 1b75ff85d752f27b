/** A column of a JSON recordset insert: the table's column, the JSON field it is read from, its type. */
export interface RecordsetColumn {
  column: string;
  field: string;
  type: string;
}

/**
 * `INSERT … SELECT … FROM jsonb_to_recordset(parameter)`: many rows in one statement, sent as one
 * JSON parameter (an array of objects) that PostgreSQL unpacks. TypeORM's insert builder spent
 * ~25 ms escaping the parameters of 200 rows, most of a flight search's own time
 * (docs/performance.md).
 *
 * `fixed`: leading columns with the SQL of their value, the same in every row (an organization and
 * a parent id, as placeholders). `columns`: the rest, each read from its field of every object.
 * Rows that conflict with stored ones are skipped.
 */
export function jsonRecordsetInsert(
  table: string,
  fixed: Record<string, string>,
  columns: readonly RecordsetColumn[],
  parameter: string,
): string {
  const field = (c: RecordsetColumn) => `"${c.field}"`;
  return `INSERT INTO ${table} (${[...Object.keys(fixed), ...columns.map((c) => c.column)].join(', ')})
     SELECT ${[...Object.values(fixed), ...columns.map(field)].join(', ')}
       FROM jsonb_to_recordset(${parameter}::jsonb) AS r(${columns.map((c) => `${field(c)} ${c.type}`).join(', ')})
     ON CONFLICT DO NOTHING`;
}
