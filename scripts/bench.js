// `npm run bench [NAME…]`: runs every bench/*.bench.ts (or the named ones) one after another, each in
// its own process so one benchmark's heap and JIT state cannot colour another's figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.argv.slice(2);
const all = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
if (wanted.length && chosen.length === 0) {
  console.error(`bench: no benchmark named ${wanted.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== bench/${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `bench/${file}`], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
