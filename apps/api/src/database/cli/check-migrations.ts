import { schemaDrift } from '../schema-drift';
import { withScratchDatabase } from './with-database';

/** `npm run check` part: fails when the entities need SQL that no committed migration has. */
async function main(): Promise<void> {
  const drift = await withScratchDatabase(schemaDrift);
  if (drift.up.length === 0) {
    process.stdout.write('migrations: in sync with the entities\n');
    return;
  }
  process.stderr.write(
    `migrations: the entities differ from the migrations; run "npm run migration:generate -- <Name>".\nMissing SQL:\n${drift.up.join(';\n')};\n`,
  );
  process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`migrations: check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
