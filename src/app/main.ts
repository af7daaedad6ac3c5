// Entry point of the `gongkai` command (bin/gongkai.js, npm start).
import { buildProgram } from './cli.js';

await buildProgram().parseAsync(process.argv);
