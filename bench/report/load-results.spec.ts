import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResults } from './load-results';

describe('loadResults', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, body: unknown) => writeFileSync(join(dir, file), JSON.stringify(body));

  it('reads a figure renamed since the file was written under its current id, and skips quick runs', () => {
    write('2026-11-24T094132Z-3e9c5c5.json', {
      date: '2026-11-24T09:41:32.000Z',
      commit: '3e9c5c5',
      quick: false,
      figures: { 'query.p95': { state: 'measured', value: 19 }, 'ingest.rate': { state: 'measured', value: 10_094 } },
    });
    write('2026-11-25T010000Z-aaaaaaa-quick.json', { date: '2026-11-25T01:00:00.000Z', quick: true, figures: {} });

    const { results, skipped } = loadResults(dir);

    expect(results.map((r) => r.figures)).toEqual([
      { 'query.progress.p95': { state: 'measured', value: 19 }, 'ingest.rate': { state: 'measured', value: 10_094 } },
    ]);
    expect(skipped).toEqual([{ file: '2026-11-25T010000Z-aaaaaaa-quick.json', reason: 'quick run' }]);
  });
});
