// `npm run bench -- <name> [--engine sqlite|postgres] [--records N]`: benchmarks that print ratios against a
// floor measured in the same process, never absolute pass/fail times.
import { benches } from './benches.js';

const [name, ...rest] = process.argv.slice(2);
const engineArg = rest.indexOf('--engine');
const engines =
  engineArg >= 0 ? [rest[engineArg + 1] as 'sqlite' | 'postgres'] : (['sqlite', 'postgres'] as const);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--engine sqlite|postgres]`);
  process.exit(2);
}
for (const engine of engines) await bench(engine);
