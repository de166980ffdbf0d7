// npm run fuzz [-- --seconds N --seed N --skip mutation,...]: a long fuzz run of the engine (60 s
// unless told; FUZZ_SECONDS, FUZZ_SEED and FUZZ_SKIP work too). Failures are minimized and saved under
// test/fuzz/regressions/; the exit code is 1 when there were any.
import runner from '../out/test/fuzz/runner.js';

const { seconds, seed, skip } = runner.fuzzArgs(process.argv.slice(2), process.env, 60);
const summary = await runner.runFuzz({ seconds, seed, skip, log: (line) => console.log(line) });
for (const line of runner.formatSummary(summary)) console.log(line);
process.exitCode = summary.failures.length > 0 ? 1 : 0;
