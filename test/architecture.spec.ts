import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { preProcessFile } from 'typescript';

// The Layout of ARCHITECTURE.md, checked: reads the imports of every .ts file of apps/, libs/,
// test/ and bench/ and fails when a folder imports across its rules.

const ROOT = join(__dirname, '..');

interface Rule {
  /** The @vigil libraries it may import (besides itself). */
  readonly libs: readonly string[];
  /** Packages its code must not import (a trailing `/` forbids a whole scope). Specs may use test infrastructure. */
  readonly packages: readonly string[];
}

const IO = ['pg', 'pg-copy-streams', 'kafkajs', '@kurrent/', 'node:fs', 'node:net', 'node:http', 'node:child_process'];
const NEST = ['@nestjs/', 'express', 'nestjs-pino'];
const HTTP = ['express', '@nestjs/platform-express', '@nestjs/swagger', '@vigil/http-api'];
const KAFKA = ['kafkajs', '@nestjs/microservices', '@vigil/messaging'];

/** One entry per library folder: a new library fails this spec until it is given its rule. */
const LIBRARY_RULES: Readonly<Record<string, Rule>> = {
  contract: { libs: [], packages: [...NEST, ...IO] },
  domain: { libs: ['contract'], packages: [...NEST, ...IO] },
  platform: { libs: ['contract'], packages: ['kafkajs', '@kurrent/'] },
  'event-store': { libs: ['contract', 'platform'], packages: ['kafkajs', ...HTTP] },
  ingest: { libs: ['contract', 'domain', 'event-store', 'platform'], packages: [...KAFKA, ...HTTP] },
  projections: { libs: ['contract', 'domain', 'event-store', 'platform'], packages: [...KAFKA, ...HTTP] },
  messaging: { libs: ['contract', 'domain', 'event-store', 'platform', 'ingest', 'projections'], packages: HTTP },
  'http-api': { libs: ['contract', 'domain', 'platform', 'ingest', 'projections'], packages: KAFKA },
};

interface SourceFile {
  /** Relative to the repository root, `/`-separated. */
  readonly path: string;
  readonly imports: readonly string[];
}

/** `libs/<name>`, `apps/<name>`, `test` or `bench`. */
function folderOf(path: string): string {
  const [top, name] = path.split('/');
  return top === 'libs' || top === 'apps' ? `${top}/${name}` : top!;
}

const isSpec = (path: string) => /\.(int-|e2e-)?spec\.ts$/.test(path) || /(^|\/)testing\/|\.testing\.ts$/.test(path);
const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const forbids = (forbidden: readonly string[], specifier: string) =>
  forbidden.some((entry) => (entry.endsWith('/') ? specifier.startsWith(entry) : packageOf(specifier) === entry));

/** Every import that crosses the Layout's rules, as `file: what`. */
function violationsOf(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const folder = folderOf(file.path);
    const library = folder.startsWith('libs/') ? folder.slice('libs/'.length) : null;
    const rule = library === null ? null : LIBRARY_RULES[library];
    if (library !== null && !rule) found.push(`${file.path}: libs/${library} has no rule in test/architecture.spec.ts`);
    for (const specifier of file.imports) {
      const target = specifier.startsWith('.')
        ? folderOf(
            normalize(join(dirname(file.path), specifier))
              .split(sep)
              .join('/'),
          )
        : specifier.startsWith('@vigil/')
          ? `libs/${specifier.slice('@vigil/'.length)}`
          : null;
      if (target === folder) continue;
      if (target?.startsWith('apps/') && folder.startsWith('apps/'))
        found.push(`${file.path}: an app imports another (${target})`);
      if (target?.startsWith('apps/') && folder.startsWith('libs/'))
        found.push(`${file.path}: a library imports an app (${target})`);
      if (target?.startsWith('libs/') && specifier.startsWith('.') && folder.startsWith('libs/') && !isSpec(file.path))
        found.push(`${file.path}: reaches into ${target} by path; import @vigil/${target.slice(5)}`);
      if (rule && target?.startsWith('libs/') && !rule.libs.includes(target.slice(5)))
        found.push(`${file.path}: ${folder} may not import ${target}`);
      if (rule && !specifier.startsWith('.') && !isSpec(file.path) && forbids(rule.packages, specifier))
        found.push(`${file.path}: ${folder} may not import ${specifier}`);
    }
  }
  return found;
}

function sourceFiles(folder: string): SourceFile[] {
  const entries = readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').includes('node_modules'))
    .map((path) => ({
      path,
      imports: preProcessFile(readFileSync(join(ROOT, path), 'utf8'), true, true).importedFiles.map((f) => f.fileName),
    }));
}

describe('the Layout of ARCHITECTURE.md', () => {
  const files = ['apps', 'libs', 'test', 'bench'].flatMap(sourceFiles);

  it('reads the project', () => {
    expect(files.filter((file) => file.path.startsWith('libs/')).length).toBeGreaterThan(100);
  });

  it('holds: no folder imports across its rules', () => {
    expect(violationsOf(files)).toEqual([]);
  });

  it('catches what it is there to catch', () => {
    const seeded: SourceFile[] = [
      { path: 'apps/vigil/src/a.ts', imports: ['../../relay/src/relay.module'] },
      { path: 'libs/projections/src/b.ts', imports: ['kafkajs', '@vigil/messaging', '@vigil/http-api'] },
      { path: 'libs/domain/src/c.ts', imports: ['pg', '@nestjs/common', '@vigil/platform'] },
      { path: 'libs/contract/src/d.ts', imports: ['@nestjs/swagger'] },
      { path: 'libs/ingest/src/e.ts', imports: ['@nestjs/microservices', 'express'] },
      { path: 'libs/ingest/src/f.ts', imports: ['../../platform/src/config/config.schema'] },
      { path: 'libs/messaging/src/g.ts', imports: ['../../../apps/relay/src/main'] },
      { path: 'libs/newcomer/src/h.ts', imports: [] },
    ];
    expect(violationsOf(seeded)).toEqual([
      'apps/vigil/src/a.ts: an app imports another (apps/relay)',
      'libs/projections/src/b.ts: libs/projections may not import kafkajs',
      'libs/projections/src/b.ts: libs/projections may not import libs/messaging',
      'libs/projections/src/b.ts: libs/projections may not import @vigil/messaging',
      'libs/projections/src/b.ts: libs/projections may not import libs/http-api',
      'libs/projections/src/b.ts: libs/projections may not import @vigil/http-api',
      'libs/domain/src/c.ts: libs/domain may not import pg',
      'libs/domain/src/c.ts: libs/domain may not import @nestjs/common',
      'libs/domain/src/c.ts: libs/domain may not import libs/platform',
      'libs/contract/src/d.ts: libs/contract may not import @nestjs/swagger',
      'libs/ingest/src/e.ts: libs/ingest may not import @nestjs/microservices',
      'libs/ingest/src/e.ts: libs/ingest may not import express',
      'libs/ingest/src/f.ts: reaches into libs/platform by path; import @vigil/platform',
      'libs/messaging/src/g.ts: a library imports an app (apps/relay)',
      'libs/newcomer/src/h.ts: libs/newcomer has no rule in test/architecture.spec.ts',
    ]);
  });
});
