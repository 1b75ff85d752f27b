// Preloaded into the API (`node -r scripts/bench/sql-trace.js`) by `BENCH_ONLY=booking-sql`: every
// statement a pooled pg connection sends is appended to BENCH_SQL_TRACE, one per line, so the bare
// baseline's SQL can be compared with what the API really sends for one booking (as the tenancy
// e2e test records it).
const { appendFileSync } = require('node:fs');
const { Client } = require('pg');

const file = process.env.BENCH_SQL_TRACE;
if (file) {
  const original = Client.prototype.query;
  Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    appendFileSync(file, `${text.replace(/\s+/g, ' ').trim()}\n`);
    return original.call(this, config, ...rest);
  };
}
