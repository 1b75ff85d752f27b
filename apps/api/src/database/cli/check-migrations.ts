import { schemaDrift } from '../schema-drift';
import { runCli } from './run-cli';
import { withScratchDatabase } from './with-database';

/** `npm run check` part: fails when the entities need SQL that no committed migration has. */
async function main(): Promise<number> {
  const drift = await withScratchDatabase(schemaDrift);
  if (drift.up.length === 0) {
    process.stdout.write('migrations: in sync with the entities\n');
    return 0;
  }
  process.stderr.write(
    `migrations: the entities differ from the migrations; run "npm run migration:generate -- <Name>".\nMissing SQL:\n${drift.up.join(';\n')};\n`,
  );
  return 1;
}

runCli('check:migrations', main);
