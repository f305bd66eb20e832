#!/usr/bin/env node
// Runs a real single-node Apache Kafka broker (KRaft, broker+controller) on loopback,
// assembled from Maven Central jars and started with the machine's Java 17.
//
//   node scripts/kafka.mjs fetch | start | stop | status
//   node scripts/kafka.mjs perf-producer --records N --record-size B --topic T
//
// Env: VIGIL_KAFKA_PORT (9092), VIGIL_KAFKA_CONTROLLER_PORT (port+1),
//      VIGIL_CACHE_DIR (~/.cache/vigil, holds the jars), VIGIL_KAFKA_DIR (state: config, data, logs).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const KAFKA_VERSION = '4.1.1';
const LOG4J_VERSION = '2.24.3';
const DEPENDENCY_PLUGIN_VERSION = '3.8.1';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
const READY_LINE = 'Kafka Server started';
const HOST = '127.0.0.1';

// ---------- paths ----------

const cacheRoot = () => process.env.VIGIL_CACHE_DIR || path.join(os.homedir(), '.cache', 'vigil');
const kafkaHome = () => path.join(cacheRoot(), `kafka-${KAFKA_VERSION}`);
const libsDir = () => path.join(kafkaHome(), 'libs');
const classpath = () => path.join(libsDir(), '*'); // expanded by the JVM itself

export function defaultPort() {
  return Number(process.env.VIGIL_KAFKA_PORT || 9092);
}

function controllerPort(port) {
  return Number(process.env.VIGIL_KAFKA_CONTROLLER_PORT || port + 1);
}

function stateFiles(port) {
  const dir = process.env.VIGIL_KAFKA_DIR || path.join(cacheRoot(), `kafka-state-${port}`);
  return {
    dir,
    data: path.join(dir, 'data'),
    serverProperties: path.join(dir, 'server.properties'),
    log4j: path.join(dir, 'log4j2.properties'),
    toolsLog4j: path.join(dir, 'tools-log4j2.properties'),
    clusterId: path.join(dir, 'cluster.id'),
    pid: path.join(dir, 'kafka.pid'),
    lock: path.join(dir, 'start.lock'),
    serverLog: path.join(dir, 'server.log'),
    stdout: path.join(dir, 'kafka.out'),
  };
}

// ---------- small helpers ----------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function isPortOpen(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// True when pid runs kafka.Kafka with this state dir's config; a recycled pid is not ours.
// Where /proc is missing (not Linux) the pid file is trusted.
function isOurBroker(pid, files) {
  if (!isAlive(pid)) return false;
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('kafka.Kafka') && argv.includes(files.serverProperties);
  } catch (err) {
    return err.code !== 'ENOENT' || !fs.existsSync('/proc/self');
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// ---------- tools on the machine ----------

function javaBin() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function requireTool(cmd, args, aptPackage) {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  if (res.error?.code === 'ENOENT') {
    throw new Error(`'${cmd}' not found on PATH: install it with apt-get install -y ${aptPackage}`);
  }
  if (res.status !== 0) throw new Error(`'${cmd} ${args.join(' ')}' failed: ${res.stderr || res.stdout}`);
  return `${res.stdout}${res.stderr}`;
}

function requireJava() {
  const out = requireTool(javaBin(), ['-version'], 'openjdk-17-jre-headless');
  const major = Number(/version "(\d+)/.exec(out)?.[1]);
  if (major < 17)
    throw new Error(`Kafka ${KAFKA_VERSION} needs Java 17+, found ${major}: apt-get install -y openjdk-17-jre-headless`);
}

// ---------- fetch ----------

function pomXml() {
  const exclusion = (id) => {
    const [groupId, artifactId] = id.split(':');
    return `<exclusion><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId></exclusion>`;
  };
  const dep = (groupId, artifactId, version, exclusions = []) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version>` +
    (exclusions.length ? `<exclusions>${exclusions.map(exclusion).join('')}</exclusions>` : '') +
    '</dependency>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>vigil.local</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
${[
  dep('org.apache.kafka', 'kafka_2.13', KAFKA_VERSION),
  // ProducerPerformance lives here; the broker does not pull it in. Connect's REST stack
  // (jetty, jersey, ~20 MB) is only for the Connect tools.
  dep('org.apache.kafka', 'kafka-tools', KAFKA_VERSION, [
    'org.apache.kafka:connect-runtime',
    'com.fasterxml.jackson.jakarta.rs:jackson-jakarta-rs-json-provider',
  ]),
  // The release tarball adds the logging backend itself; no published pom carries it.
  dep('org.apache.logging.log4j', 'log4j-slf4j-impl', LOG4J_VERSION),
  dep('org.apache.logging.log4j', 'log4j-api', LOG4J_VERSION),
  dep('org.apache.logging.log4j', 'log4j-core', LOG4J_VERSION),
].join('\n')}
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId>
    <artifactId>maven-dependency-plugin</artifactId>
    <version>${DEPENDENCY_PLUGIN_VERSION}</version>
  </plugin></plugins></build>
</project>
`;
}

// The marker holds the pom it was made from, so a changed pom fetches again.
export function ensureJars({ log = console.log } = {}) {
  const home = kafkaHome();
  const marker = path.join(home, '.complete');
  const pom = pomXml();
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === pom) return home;

  requireJava();
  requireTool('mvn', ['-v'], 'maven');
  log(`fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${libsDir()} ...`);
  fs.mkdirSync(home, { recursive: true });
  fs.rmSync(libsDir(), { recursive: true, force: true });
  fs.writeFileSync(path.join(home, 'pom.xml'), pom);
  const res = spawnSync(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libsDir()}`],
    { cwd: home, encoding: 'utf8' },
  );
  if (res.status !== 0) {
    throw new Error(`mvn dependency:copy-dependencies failed (exit ${res.status}):\n${(res.stdout + res.stderr).trim()}`);
  }
  fs.writeFileSync(marker, pom);
  return home;
}

// ---------- configuration ----------

function serverProperties(port, files) {
  const cport = controllerPort(port);
  return `# Written by scripts/kafka.mjs on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${cport}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${cport}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${files.data}

# One node: every internal topic has one replica (else kafkajs sees "group coordinator not available").
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=6
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=6
group.initial.rebalance.delay.ms=0
num.partitions=6
default.replication.factor=1
min.insync.replicas=1

# Dev box: small segments, a day of retention, at most ~1 GiB per partition.
log.segment.bytes=67108864
log.retention.hours=24
log.retention.bytes=1073741824
log.retention.check.interval.ms=60000
num.network.threads=3
num.io.threads=4
`;
}

function log4jProperties(files) {
  const quiet = [
    'kafka.request.logger',
    'state.change.logger',
    'kafka.log.LogCleaner',
    'org.apache.kafka.raft',
    'org.apache.kafka.image',
    'org.apache.kafka.metadata',
    'org.apache.kafka.controller',
    'org.apache.kafka.storage',
    'org.apache.kafka.clients',
    'org.apache.kafka.common.config',
    'org.apache.kafka.common.metrics',
  ];
  return `status = warn
name = vigil-kafka
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${files.serverLog}
appender.file.filePattern = ${files.serverLog}.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 10MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = WARN
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
${quiet.map((name, i) => `logger.quiet${i}.name = ${name}\nlogger.quiet${i}.level = WARN`).join('\n')}
`;
}

const TOOLS_LOG4J = `status = warn
name = vigil-kafka-tools
appender.err.type = Console
appender.err.name = err
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = err
`;

function writeConfig(port, files) {
  fs.mkdirSync(files.data, { recursive: true });
  fs.writeFileSync(files.serverProperties, serverProperties(port, files));
  fs.writeFileSync(files.log4j, log4jProperties(files));
  fs.writeFileSync(files.toolsLog4j, TOOLS_LOG4J);
}

// Same shape as Kafka's Uuid.randomUuid(): 16 random bytes, URL-safe base64, never starting with '-'.
function newClusterId() {
  for (;;) {
    const id = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function clusterId(files) {
  if (!fs.existsSync(files.clusterId)) fs.writeFileSync(files.clusterId, `${newClusterId()}\n`);
  return fs.readFileSync(files.clusterId, 'utf8').trim();
}

function javaArgs(log4jFile, heap) {
  return [
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    classpath(),
  ];
}

function formatStorage(files) {
  if (fs.existsSync(path.join(files.data, 'meta.properties'))) return; // saves a JVM start
  const args = [
    ...javaArgs(files.toolsLog4j, '256m'),
    'kafka.tools.StorageTool',
    'format',
    '-c',
    files.serverProperties,
    '-t',
    clusterId(files),
    '--ignore-formatted',
  ];
  const res = spawnSync(javaBin(), args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`formatting ${files.data} failed:\n${(res.stdout + res.stderr).trim()}`);
}

// ---------- warm-up ----------

// A fresh broker answers the first InitProducerId with COORDINATOR_LOAD_IN_PROGRESS and the first
// FindCoordinator with COORDINATOR_NOT_AVAILABLE (it creates __consumer_offsets then). Clients retry,
// but kafkajs logs each as an ERROR; asking once here makes the broker ready before we say so.
// Speaks the wire protocol directly (non-flexible request versions) to stay free of dependencies.
function int16(n) {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

const kafkaString = (s) => Buffer.concat([int16(Buffer.byteLength(s)), Buffer.from(s)]);

// Sends one request and resolves with the response body (past size and correlation id).
function kafkaRequest(port, apiKey, apiVersion, body) {
  const header = Buffer.concat([
    int16(apiKey),
    int16(apiVersion),
    int32(1), // correlation id
    kafkaString('vigil-kafka-script'),
  ]);
  const frame = Buffer.concat([int32(header.length + body.length), header, body]);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port }, () => socket.write(frame));
    let received = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer from the broker')));
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the broker closed the connection')));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.end();
        resolve(received.subarray(8));
      }
    });
  });
}

// [apiKey, apiVersion, body]; both responses start with throttle_time_ms, then error_code.
const WARM_UP_REQUESTS = {
  // FindCoordinator v1 for a group (key_type 0): creates __consumer_offsets on a fresh log dir.
  findGroupCoordinator: [10, 1, Buffer.concat([kafkaString('vigil-warm-up'), Buffer.from([0])])],
  // InitProducerId v1 with no transactional id, as an idempotent producer sends it.
  initProducerId: [22, 1, Buffer.concat([int16(-1), int32(60_000)])],
};

async function warmUp(port, deadline) {
  for (const [name, [apiKey, version, body]] of Object.entries(WARM_UP_REQUESTS)) {
    for (;;) {
      const errorCode = (await kafkaRequest(port, apiKey, version, body)).readInt16BE(4);
      if (errorCode === 0) break;
      if (Date.now() > deadline) throw new Error(`${name} still answers error ${errorCode}`);
      await sleep(100);
    }
  }
}

// ---------- start / stop ----------

// Only one start per state dir at a time; a lock left by a dead process is taken over.
async function withStartLock(files, fn) {
  for (;;) {
    try {
      fs.writeFileSync(files.lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = readPid(files.lock);
      if (holder && isAlive(holder)) await sleep(250);
      else fs.rmSync(files.lock, { force: true });
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(files.lock, { force: true });
  }
}

function spawnBroker(files) {
  // A fresh server.log per start, so the ready line we wait for is this run's.
  if (fs.existsSync(files.serverLog)) fs.renameSync(files.serverLog, `${files.serverLog}.prev`);
  const out = fs.openSync(files.stdout, 'w');
  const child = spawn(
    javaBin(),
    [
      ...javaArgs(files.log4j, '512m'),
      '-XX:MaxGCPauseMillis=20',
      '-XX:InitiatingHeapOccupancyPercent=35',
      `-Dkafka.logs.dir=${files.dir}`,
      'kafka.Kafka',
      files.serverProperties,
    ],
    { cwd: files.dir, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(files.pid, `${child.pid}\n`);
  return child.pid;
}

function readyLineLogged(files) {
  try {
    return fs.readFileSync(files.serverLog, 'utf8').includes(READY_LINE);
  } catch {
    return false; // not created yet
  }
}

// Resolves once the broker serves clients; throws a reason otherwise.
async function waitForReady(pid, port, files) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) throw new Error('broker exited during start-up');
    if (readyLineLogged(files) && (await isPortOpen(HOST, port))) {
      await warmUp(port, deadline);
      return;
    }
    await sleep(250);
  }
  throw new Error(`broker not ready after ${START_TIMEOUT_MS / 1000} s`);
}

function startFailure(reason, files) {
  const logs = [
    `--- ${files.serverLog} (tail) ---\n${tail(files.serverLog)}`,
    `--- ${files.stdout} (tail) ---\n${tail(files.stdout)}`,
  ].join('\n');
  return new Error(`kafka: ${reason}\n${logs}`);
}

async function startBroker(port, log) {
  const files = stateFiles(port);
  fs.mkdirSync(files.dir, { recursive: true });
  return withStartLock(files, async () => {
    // Someone else may have started it while we waited for the lock.
    if (await isPortOpen(HOST, port)) return { pid: readPid(files.pid), startedByUs: false };
    ensureJars({ log });
    requireJava();
    writeConfig(port, files);
    formatStorage(files);
    const started = Date.now();
    const pid = spawnBroker(files);
    try {
      await waitForReady(pid, port, files);
    } catch (err) {
      // Leave nothing half-started behind.
      if (isAlive(pid)) await terminate(pid);
      fs.rmSync(files.pid, { force: true });
      throw startFailure(err.message, files);
    }
    log(`kafka ready on ${HOST}:${port} (pid ${pid}, logs ${files.dir}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { pid, startedByUs: true };
  });
}

export async function ensureKafka({ port = defaultPort(), log = console.log } = {}) {
  const brokers = `${HOST}:${port}`;
  if (await isPortOpen(HOST, port)) return { brokers, startedByUs: false };
  const { startedByUs } = await startBroker(port, log);
  return { brokers, startedByUs };
}

async function terminate(pid) {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  return 'killed after 30 s';
}

export async function stopKafka({ port = defaultPort(), log = console.log } = {}) {
  const files = stateFiles(port);
  const pid = readPid(files.pid);
  if (!pid || !isOurBroker(pid, files)) {
    fs.rmSync(files.pid, { force: true });
    log(`kafka: no broker started by this script is running for port ${port}`);
    return false;
  }
  const how = await terminate(pid);
  fs.rmSync(files.pid, { force: true });
  log(`kafka on ${HOST}:${port} ${how} (pid ${pid})`);
  return true;
}

export async function kafkaStatus({ port = defaultPort() } = {}) {
  const files = stateFiles(port);
  const pid = readPid(files.pid);
  return {
    port,
    answering: await isPortOpen(HOST, port),
    pid: pid && isOurBroker(pid, files) ? pid : undefined,
    stateDir: files.dir,
  };
}

// ---------- producer performance ----------

// Kafka's own ProducerPerformance, the machine's ceiling for the benchmark. Resolves with its output.
export async function producerPerf({ port = defaultPort(), records, recordSize, topic, echo = true }) {
  if (!(await isPortOpen(HOST, port)))
    throw new Error(`kafka is not answering on ${HOST}:${port}: run 'node scripts/kafka.mjs start'`);
  ensureJars();
  const files = stateFiles(port);
  fs.mkdirSync(files.dir, { recursive: true });
  fs.writeFileSync(files.toolsLog4j, TOOLS_LOG4J);
  const args = [
    ...javaArgs(files.toolsLog4j, '512m'),
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${HOST}:${port}`,
    'acks=all',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(javaBin(), args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`ProducerPerformance exited ${code}`))));
  });
}

// ---------- CLI ----------

function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument: ${argv[i]}`);
    flags[argv[i].slice(2)] = argv[i + 1];
  }
  return flags;
}

const USAGE = 'usage: node scripts/kafka.mjs fetch|start|stop|status|perf-producer --records N --record-size B --topic T';

async function main([command, ...rest]) {
  const port = defaultPort();
  switch (command) {
    case 'fetch':
      console.log(`kafka ${KAFKA_VERSION} jars in ${path.join(ensureJars(), 'libs')}`);
      return;
    case 'start': {
      const { startedByUs } = (await isPortOpen(HOST, port)) ? { startedByUs: false } : await startBroker(port, console.log);
      if (!startedByUs) console.log(`kafka: something already answers on ${HOST}:${port}; not starting another`);
      return;
    }
    case 'stop':
      await stopKafka({ port });
      return;
    case 'status': {
      const s = await kafkaStatus({ port });
      const state = !s.answering ? 'not running' : s.pid ? `running (pid ${s.pid})` : 'running (not started by this script)';
      console.log(`kafka on ${HOST}:${port}: ${state}; state dir ${s.stateDir}`);
      return;
    }
    case 'perf-producer': {
      const flags = parseFlags(rest);
      const records = Number(flags.records ?? 200000);
      const recordSize = Number(flags['record-size'] ?? 500);
      await producerPerf({
        port,
        records,
        recordSize,
        topic: flags.topic ?? 'vigil-perf',
      });
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
