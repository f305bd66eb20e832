import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number>;
  volumes?: string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** The container paths of a service's named volumes. */
const mountedAt = (service: Service) =>
  (service.volumes ?? []).map((volume) => volume.split(':')).filter(([name]) => name! in compose.volumes);

// Issue 16, item 7: the production-like deployment keeps its data and builds what the lockfile says.
describe('the deployment files', () => {
  it('pins every image it pulls to a version, never latest', () => {
    const pulled = Object.entries(compose.services).filter(([, service]) => !service.build);
    expect(pulled.map(([name]) => name).sort()).toEqual(['kafka', 'kurrentdb', 'postgres']);
    for (const [, service] of pulled) expect(service.image).toMatch(/:\d+(\.\d+)*$/);
    for (const line of dockerfile.split('\n').filter((text) => text.startsWith('FROM '))) {
      expect(line).toMatch(/^FROM \S+:\d+[\w.-]*( AS \w+)?$/);
    }
  });

  it('keeps Kafka’s log where the apache/kafka image’s volume is, and every store on a named volume', () => {
    const kafka = compose.services.kafka!;
    expect(kafka.environment!.KAFKA_LOG_DIRS).toBe('/var/lib/kafka/data');
    expect(mountedAt(kafka)).toEqual([['kafka-data', '/var/lib/kafka/data']]);
    expect(mountedAt(compose.services.postgres!)).toEqual([['postgres-data', '/var/lib/postgresql/data']]);
    expect(mountedAt(compose.services.kurrentdb!)).toEqual([['kurrentdb-data', '/var/lib/kurrentdb']]);
  });

  it('builds from the lockfile with npm ci and runs node itself, as the unprivileged user', () => {
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).not.toMatch(/npm install/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", /m);
  });

  it('gives each Vigil service the metrics port and an init process', () => {
    const vigil = Object.entries(compose.services).filter(([, service]) => service.build);
    expect(vigil.map(([name]) => name).sort()).toEqual(['ingest', 'migrate', 'projector', 'query', 'relay']);
    for (const [, service] of vigil) {
      expect(service.environment!.VIGIL_METRICS_PORT).toBe(9464);
      expect((service as { init?: boolean }).init).toBe(true);
    }
  });
});
