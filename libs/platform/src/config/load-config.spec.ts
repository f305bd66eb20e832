import { loadConfig } from './load-config';

// CONTRACT.md §8: a missing or malformed setting stops start-up with one line naming it.
describe('loadConfig', () => {
  const secret = 'x'.repeat(32);

  it('applies the contract defaults', () => {
    const config = loadConfig({ VIGIL_JWT_SECRET: secret, PGUSER: 'vigil' });
    expect(config).toMatchObject({
      VIGIL_PORT: 8080,
      DATABASE_URL: 'postgres://vigil@localhost:5432/vigil',
      VIGIL_EVENT_STORE: 'postgres',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PARTITIONS: 6,
      VIGIL_NAMESPACE: 'vigil',
      VIGIL_TIMEZONE: 'Asia/Ho_Chi_Minh',
      LOG_LEVEL: 'info',
      VIGIL_PROJECTOR_CONSUMERS: { figures: 2 },
    });
  });

  it('reads the consumers of each projection named in VIGIL_PROJECTOR_CONSUMERS', () => {
    const config = loadConfig({ VIGIL_JWT_SECRET: secret, VIGIL_PROJECTOR_CONSUMERS: 'figures=3,cases=2' });
    expect(config.VIGIL_PROJECTOR_CONSUMERS).toEqual({ figures: 3, cases: 2 });
    // Empty counts as unset (the default); one consumer of the figures is said so.
    expect(loadConfig({ VIGIL_JWT_SECRET: secret, VIGIL_PROJECTOR_CONSUMERS: '' }).VIGIL_PROJECTOR_CONSUMERS).toEqual({
      figures: 2,
    });
    expect(loadConfig({ VIGIL_JWT_SECRET: secret, VIGIL_PROJECTOR_CONSUMERS: 'figures=1' }).VIGIL_PROJECTOR_CONSUMERS).toEqual({
      figures: 1,
    });
  });

  it.each([
    [{ VIGIL_JWT_SECRET: undefined }, 'invalid configuration: VIGIL_JWT_SECRET is required (it is not set)'],
    [{ VIGIL_PORT: 'eighty' }, 'invalid configuration: VIGIL_PORT must be a port number (got "eighty")'],
    [{ VIGIL_PORT: '70000' }, 'invalid configuration: VIGIL_PORT must be between 1 and 65535 (got "70000")'],
    [
      { VIGIL_TIMEZONE: 'Mars/Olympus' },
      'invalid configuration: VIGIL_TIMEZONE must be an IANA time zone such as Asia/Ho_Chi_Minh (got "Mars/Olympus")',
    ],
    [{ KAFKA_BROKERS: 'kafka' }, 'invalid configuration: KAFKA_BROKERS must be host:port[,host:port...] (got "kafka")'],
    [{ VIGIL_EVENT_STORE: 'kurrentdb' }, 'invalid configuration: KURRENTDB_URL is required (it is not set)'],
    [
      { VIGIL_PROJECTOR_CONSUMERS: 'figures=0' },
      'invalid configuration: VIGIL_PROJECTOR_CONSUMERS must be name=N[,name=N...] with N from 1 to 16 (got "figures=0")',
    ],
    [{ VIGIL_JWT_SECRET: 'short' }, 'invalid configuration: VIGIL_JWT_SECRET must be at least 32 characters (got "***")'],
  ])('%j → %s', (env, line) => {
    expect(() => loadConfig({ VIGIL_JWT_SECRET: secret, ...env } as NodeJS.ProcessEnv)).toThrow(line);
  });
});
