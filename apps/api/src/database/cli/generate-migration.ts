import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaDrift } from '../schema-drift';
import { runCli } from './run-cli';
import { withScratchDatabase } from './with-database';

/** `npm run migration:generate -- CreateTrips`: writes the SQL the entities need as a migration. */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('usage: npm run migration:generate -- <PascalCaseName>');
  }
  const drift = await withScratchDatabase(schemaDrift);
  if (drift.up.length === 0) {
    process.stdout.write('No changes: entities and migrations agree.\n');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const literal = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
  const folder = join(__dirname, '..', 'migrations');
  const file = join(folder, `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(drift.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(drift.down)}
  }
}
`,
  );
  writeMigrationIndex(folder);
  process.stdout.write(`Wrote ${file}; read it before committing.\n`);
}

/** Rewrites migrations/index.ts so it lists every migration file in timestamp order. */
function writeMigrationIndex(folder: string): void {
  const files = readdirSync(folder)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort();
  const classOf = (f: string) => {
    const [stamp, rest] = f.replace(/\.ts$/, '').split('-');
    return `${rest}${stamp}`;
  };
  const imports = files.map((f) => `import { ${classOf(f)} } from './${f.replace(/\.ts$/, '')}';`).join('\n');
  writeFileSync(
    join(folder, 'index.ts'),
    `${imports}\n\n/** Every migration, in order (rewritten by \`npm run migration:generate\`). */\nexport const migrations = [${files.map(classOf).join(', ')}];\n`,
  );
}

runCli('migration:generate', main);
