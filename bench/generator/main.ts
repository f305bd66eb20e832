// Writes a generated load as NDJSON on stdout, or with --summary its mix:
//   npm run bench:generate -- --events 20000 --seed 7 [--communes 3300] [--summary]
import { parseGeneratorFlags } from './flags';
import { generateBatches } from './generate';
import { LoadSummary } from './summary';

const argv = process.argv.slice(2);
const summaryOnly = argv.includes('--summary');
const options = parseGeneratorFlags(argv.filter((arg) => arg !== '--summary'));
const summary = new LoadSummary();
const started = performance.now();
for (const batch of generateBatches(options, 1000)) {
  if (summaryOnly) for (const event of batch) summary.add(event);
  else process.stdout.write(batch.map((event) => JSON.stringify(event)).join('\n') + '\n');
}
if (summaryOnly) {
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write([...summary.lines(), `generated in ${seconds.toFixed(1)} s`].join('\n') + '\n');
}
