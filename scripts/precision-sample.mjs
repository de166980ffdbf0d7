// Draws a reproducible random sample of findings from the CLI's json output, with the code
// around each, for judging precision by hand.
// Usage: node dist/cli.js --format json PATH | node scripts/precision-sample.mjs [--n 30] [--seed 1] [--rule ID] [--context 12]
import * as fs from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const n = Number(opt('n', 30));
const rule = opt('rule', undefined);
const context = Number(opt('context', 12));
let seed = Number(opt('seed', 1)) >>> 0 || 1;

// xorshift32: the same seed gives the same sample on any machine.
const random = () => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 2 ** 32;
};

const report = JSON.parse(fs.readFileSync(0, 'utf8'));
const pool = report.findings.filter((f) => !rule || f.rule === rule);
for (let i = pool.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [pool[i], pool[j]] = [pool[j], pool[i]];
}
const sample = pool.slice(0, n);
console.log(`${sample.length} of ${pool.length} findings${rule ? ` of ${rule}` : ''}, seed ${opt('seed', 1)}\n`);
sample.forEach((f, k) => {
  console.log(`#${k + 1} ${f.file}:${f.line}:${f.column} ${f.rule}\n   ${f.message}`);
  const lines = fs.readFileSync(f.file, 'utf8').split('\n');
  for (let l = Math.max(1, f.line - context); l <= Math.min(lines.length, f.line + context); l++) {
    console.log(`${l === f.line ? '>' : ' '}${String(l).padStart(5)}  ${lines[l - 1]}`);
  }
  console.log('');
});
