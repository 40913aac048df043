#!/usr/bin/env node
// ai-setu-mcp against the Node peer, in one run, on one local control plane. Run it through
// bench/run.sh (which builds what is missing); see bench/README.md for what each figure means.
//
//   node bench/harness.mjs [--quick] [--only=cold,stdio,memory,connections,http] [--variants=ID,…] [--jmh=FILE]
//                          [--http-warm-up=N]  (unmeasured calls before the HTTP figures; default 30000, 200 with --quick)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchEnvironment, signIn, startPlane, workspaces } from './lib/plane.mjs';
import { GraphQLCaller, HttpServerProcess, HttpSession } from './lib/http.mjs';
import { startCountingProxy } from './lib/proxy.mjs';
import { cpuMillisOf, millisSince, StdioSession } from './lib/rpc.mjs';
import { summary } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const options = parseOptions(process.argv.slice(2));
const jar = join(root, 'target', 'ai-setu-mcp.jar');
const N = options.quick
  ? { coldRuns: 5, sequential: 200, concurrent: 8, concurrentCalls: 400, memoryCalls: 1_000, connectionCalls: 100,
    httpSequential: 200, httpSessions: 32, httpConcurrentCalls: 640, idleSessions: 100, planeWarmUp: 640 }
  : { coldRuns: 20, sequential: 2_000, concurrent: 8, concurrentCalls: 2_000, memoryCalls: 10_000, connectionCalls: 1_000,
    httpSequential: 2_000, httpSessions: 32, httpConcurrentCalls: 2_048, idleSessions: 1_000, planeWarmUp: 65_536 };

function parseOptions(args) {
  const out = { quick: false, only: null, jmh: null, variants: null, httpWarmUp: null };
  for (const a of args) {
    if (a === '--quick') out.quick = true;
    else if (a.startsWith('--variants=')) out.variants = new Set(a.slice(11).split(','));
    else if (a.startsWith('--only=')) out.only = new Set(a.slice(7).split(','));
    else if (a.startsWith('--jmh=')) out.jmh = a.slice(6);
    else if (a.startsWith('--http-warm-up=')) out.httpWarmUp = Math.max(0, Number.parseInt(a.slice(15), 10) || 0);
    else throw new Error(`unknown option ${a}; use --quick, --only=cold,stdio,memory,connections,http, --variants=java17-jar,java17-cds,java25-aot,peer, --jmh=FILE, --http-warm-up=N`);
  }
  // A sidecar lives far longer than 200 calls: by default the HTTP figures are its steady state.
  if (out.httpWarmUp === null) out.httpWarmUp = out.quick ? 200 : 30_000;
  return out;
}

const wants = (figure) => !options.only || options.only.has(figure);

/** JDK homes by feature version, from /usr/lib/jvm and the java on PATH. */
function javaHomes() {
  const homes = {};
  const dirs = existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').map((d) => join('/usr/lib/jvm', d)) : [];
  if (process.env.JAVA_HOME) dirs.unshift(process.env.JAVA_HOME);
  for (const dir of dirs) {
    const release = join(dir, 'release');
    if (!existsSync(release) || !existsSync(join(dir, 'bin', 'java'))) continue;
    const m = /JAVA_VERSION="(\d+)/.exec(readFileSync(release, 'utf8'));
    if (m && !homes[m[1]]) homes[m[1]] = dir;
  }
  return homes;
}

function variants(homes) {
  const launcher = join(root, 'bin', 'ai-setu-mcp');
  const list = [];
  if (homes['17']) {
    list.push({ id: 'java17-jar', label: 'ai-setu-mcp, java -jar (17)', kind: 'java',
      command: join(homes['17'], 'bin', 'java'), args: ['-jar', jar] });
    list.push({ id: 'java17-cds', label: 'ai-setu-mcp, launcher AppCDS (17)', kind: 'java', launcher: true,
      command: launcher, args: [], env: { AI_SETU_MCP_JAVA: join(homes['17'], 'bin', 'java') } });
  }
  if (homes['25']) {
    list.push({ id: 'java25-aot', label: 'ai-setu-mcp, launcher AOT cache (25)', kind: 'java', launcher: true,
      command: launcher, args: [], env: { AI_SETU_MCP_JAVA: join(homes['25'], 'bin', 'java') } });
  }
  list.push({ id: 'peer', label: 'Node peer (TypeScript SDK)', kind: 'peer',
    command: process.execPath, args: [join(root, 'bench', 'peer', 'server.mjs')] });
  return options.variants ? list.filter((v) => options.variants.has(v.id)) : list;
}

function spawnServer(variant, baseUrl, ctx) {
  const env = { ...ctx.env, ...(variant.env ?? {}), AI_SETU_PAT: ctx.pat };
  const args = [...variant.args];
  if (variant.kind === 'java') args.push('--base-url', baseUrl, '--no-transcript');
  else env.AI_SETU_API_BASE_URL = baseUrl;
  return new StdioSession(variant.command, args, env);
}

async function coldStart(variant, ctx) {
  const init = [];
  const firstCall = [];
  for (let i = -2; i < N.coldRuns; i++) { // two unmeasured runs warm the page cache
    const session = spawnServer(variant, ctx.baseUrl, ctx);
    try {
      const { at: initAt } = await session.initialize();
      const { at: callAt } = await session.call('workspaces_list');
      if (i >= 0) {
        init.push(millisSince(session.spawnedAt, initAt));
        firstCall.push(millisSince(session.spawnedAt, callAt));
      }
    } finally {
      await session.close();
    }
  }
  return { initialize: summary(init), firstToolCall: summary(firstCall) };
}

async function sequential(session, count) {
  const samples = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    const { at } = await session.call('workspaces_list');
    samples.push(millisSince(t0, at));
  }
  const seconds = millisSince(started, process.hrtime.bigint()) / 1000;
  return { ...summary(samples), callsPerSecond: count / seconds };
}

async function concurrent(session, callers, total) {
  const samples = [];
  const started = process.hrtime.bigint();
  const perCaller = Math.ceil(total / callers);
  await Promise.all(Array.from({ length: callers }, async () => {
    for (let i = 0; i < perCaller; i++) {
      const t0 = process.hrtime.bigint();
      const { at } = await session.call('workspaces_list');
      samples.push(millisSince(t0, at));
    }
  }));
  const seconds = millisSince(started, process.hrtime.bigint()) / 1000;
  return { callers, ...summary(samples), callsPerSecond: samples.length / seconds };
}

/** Figures 2 and 4 from one session: RSS after start, the stdio runs, then RSS after N.memoryCalls calls. */
async function throughputAndMemory(variant, ctx) {
  const session = spawnServer(variant, ctx.baseUrl, ctx);
  try {
    await session.initialize();
    await session.call('workspaces_list');
    await new Promise((r) => setTimeout(r, 1_000)); // let start-up work settle
    const rssAfterStartKiB = session.rssKiB();
    await sequential(session, 200); // warm-up, not reported
    const cpuBefore = session.cpuMillis();
    const seq = await sequential(session, N.sequential);
    seq.cpuMillisPerCall = (session.cpuMillis() - cpuBefore) / N.sequential;
    const conc = await concurrent(session, N.concurrent, N.concurrentCalls);
    let calls = 1 + 200 + N.sequential + conc.n;
    while (calls < N.memoryCalls) {
      await session.call('workspaces_list');
      calls++;
    }
    const rssAfterCallsKiB = session.rssKiB();
    return { sequential: seq, concurrent: conc, memory: { rssAfterStartKiB, rssAfterCallsKiB, calls } };
  } finally {
    await session.close();
  }
}

/** Figure 5: TCP connections the control plane accepts while a server makes N.connectionCalls calls. */
async function connections(variant, ctx) {
  const proxy = await startCountingProxy(ctx.baseUrl);
  const session = spawnServer(variant, proxy.baseUrl, ctx);
  try {
    await session.initialize();
    for (let i = 0; i < N.connectionCalls; i++) await session.call('workspaces_list');
    return { calls: N.connectionCalls, accepted: proxy.accepted() };
  } finally {
    await session.close();
    await proxy.close();
  }
}

/** Each caller (a session or a connection of its own) makes its share of `total` calls, all at once. */
async function concurrentCallers(callers, total) {
  const samples = [];
  const perCaller = Math.ceil(total / callers.length);
  const started = process.hrtime.bigint();
  await Promise.all(callers.map(async (c) => {
    for (let i = 0; i < perCaller; i++) {
      const t0 = process.hrtime.bigint();
      const { at } = await c.call('workspaces_list');
      samples.push(millisSince(t0, at));
    }
  }));
  const seconds = millisSince(started, process.hrtime.bigint()) / 1000;
  return { ...summary(samples), callsPerSecond: samples.length / seconds };
}

/** Runs `work`, adding to its result the CPU per call of each process in `pids` ({ name: pid }). */
async function withCpu(pids, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMillisOf(pid)]));
  const result = await work();
  result.cpuMillisPerCall = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, (cpuMillisOf(pid) - before[name]) / result.n]));
  return result;
}

/**
 * Callers straight to the control plane, on keep-alive connections of their own: `one` for the
 * sequential run and N.httpSessions for the concurrent one. Each sends the GraphQL request
 * `workspaces_list` makes (same document, operation name and PAT).
 */
function planeCallers(ctx) {
  const document = readFileSync(join(root, 'src', 'main', 'resources', 'operations', 'workspaces_list.graphql'), 'utf8');
  const caller = () => new GraphQLCaller(ctx.baseUrl, ctx.pat, document, 'WorkspacesList');
  const one = caller();
  const many = Array.from({ length: N.httpSessions }, caller);
  return { one, many, close: () => { for (const c of [one, ...many]) c.close(); } };
}

/**
 * The ceiling of figure 3: the plane answering the harness directly, as many calls and callers as
 * the HTTP runs. No MCP server that calls the plane once per tool call can beat it. Measured after
 * the servers, when the plane's JIT is warmest (the plane is one JVM for the whole run), so that
 * it is an upper bound; the servers run after N.planeWarmUp unmeasured direct calls instead.
 */
async function controlPlaneDirect(direct, ctx) {
  for (let i = 0; i < 200; i++) await direct.one.call(); // warm-up, not reported
  const seq = await withCpu({ controlPlane: ctx.planePid }, () => sequential(direct.one, N.httpSequential));
  const conc = await withCpu({ controlPlane: ctx.planePid }, () => concurrentCallers(direct.many, N.httpConcurrentCalls));
  return { sequential: seq, concurrentConnections: { connections: direct.many.length, ...conc } };
}

/**
 * Figure 3 from one HTTP server process: N.httpSequential sequential calls in one session (after
 * 200 unmeasured), N.httpSessions concurrent sessions (one connection each) sharing
 * N.httpConcurrentCalls calls, then the RSS growth for N.idleSessions more sessions left idle.
 * Every caller presents the PAT as its bearer token; our tool-call rate limit is lifted. Both runs
 * also report the CPU per call of the server and of the control plane.
 */
/** Live heap bytes of a JVM server after a full GC (jcmd GC.class_histogram); null for the peer. */
function liveHeapBytes(variant, pid) {
  if (variant.kind !== 'java') return null;
  const jcmd = join(dirname(variant.env?.AI_SETU_MCP_JAVA ?? variant.command), 'jcmd');
  try {
    const out = execFileSync(jcmd, [String(pid), 'GC.class_histogram'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const total = /^Total\s+\d+\s+(\d+)/m.exec(out);
    return total ? Number(total[1]) : null;
  } catch {
    return null; // no jcmd beside this java
  }
}

async function http(variant, ctx) {
  const env = { ...ctx.env, ...(variant.env ?? {}) };
  const args = [...variant.args];
  if (variant.kind === 'java') {
    args.push('--transport', 'http', '--port', '0', '--base-url', ctx.baseUrl, '--no-transcript',
      '--tool-calls-per-minute', '100000000');
  } else {
    args.push('--http', '--port', '0');
    env.AI_SETU_API_BASE_URL = ctx.baseUrl;
  }
  const server = new HttpServerProcess(variant.command, args, env);
  const sessions = [];
  try {
    const url = await server.ready;
    const pids = { server: server.child.pid, controlPlane: ctx.planePid };
    const one = new HttpSession(url, ctx.pat);
    sessions.push(one);
    await one.initialize();
    if (options.httpWarmUp > 200) { // a longer warm-up (--http-warm-up), spread over 8 more sessions
      const warm = await Promise.all(Array.from({ length: 8 }, async () => {
        const s = new HttpSession(url, ctx.pat);
        sessions.push(s);
        await s.initialize();
        return s;
      }));
      await concurrentCallers(warm, options.httpWarmUp - 200);
    }
    for (let i = 0; i < Math.min(200, options.httpWarmUp); i++) await one.call('workspaces_list'); // warm-up, not reported
    const seq = await withCpu(pids, () => sequential(one, N.httpSequential));

    const many = await Promise.all(Array.from({ length: N.httpSessions }, async () => {
      const s = new HttpSession(url, ctx.pat);
      sessions.push(s);
      await s.initialize();
      await s.call('workspaces_list');
      return s;
    }));
    const conc = { sessions: many.length, ...await withCpu(pids, () => concurrentCallers(many, N.httpConcurrentCalls)) };

    await new Promise((r) => setTimeout(r, 1_000));
    const rssBeforeKiB = server.rssKiB();
    const { Agent } = await import('node:http');
    const shared = new Agent({ keepAlive: true, maxSockets: 4 });
    const openIdleSessions = async () => {
      for (let i = 0; i < N.idleSessions; i += 4) {
        await Promise.all(Array.from({ length: Math.min(4, N.idleSessions - i) }, () => new HttpSession(url, ctx.pat, shared).initialize()));
      }
    };
    await openIdleSessions();
    await new Promise((r) => setTimeout(r, 1_000));
    const rssAfterKiB = server.rssKiB();
    const idle = { sessions: N.idleSessions, rssBeforeKiB, rssAfterKiB, kibPerSession: (rssAfterKiB - rssBeforeKiB) / N.idleSessions };
    // On a JVM, RSS also moves with the heap the collector grows into or gives back; the live heap
    // after a full GC (class histogram) before and after N more idle sessions is the state they hold.
    const heapBefore = liveHeapBytes(variant, server.child.pid);
    if (heapBefore !== null) {
      await openIdleSessions();
      const heapAfter = liveHeapBytes(variant, server.child.pid);
      if (heapAfter !== null) idle.liveHeapKiBPerSession = (heapAfter - heapBefore) / 1024 / N.idleSessions;
    }
    shared.destroy();
    return { sequential: seq, concurrentSessions: conc, idleSessionMemory: idle };
  } finally {
    for (const s of sessions) s.close();
    await server.close();
  }
}

/** Trains the launcher's start-up archive for a variant (a real session against a local plane). */
function train(variant) {
  execFileSync(variant.command, ['--train'], { env: { ...process.env, ...variant.env, ...trainingEnv }, stdio: ['ignore', 'ignore', 'inherit'] });
}
let trainingEnv = {};

function versionOf(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch (e) {
    return String(e.stderr ?? e.message).trim().split('\n')[0];
  }
}

async function main() {
  if (!existsSync(jar)) throw new Error(`${jar} is missing: run bench/run.sh, or mvn -q -B package -DskipTests`);
  const { dir: scratch, env } = scratchEnvironment('ai-setu-bench-');
  trainingEnv = { XDG_STATE_HOME: env.XDG_STATE_HOME, XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, XDG_CACHE_HOME: env.XDG_CACHE_HOME };
  const homes = javaHomes();
  const plane = await startPlane({ java: homes['17'] ? join(homes['17'], 'bin', 'java') : 'java', jar, env });
  const results = {
    startedAt: new Date().toISOString(),
    quick: options.quick,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMiB: Math.round(totalmem() / 2 ** 20), node: process.version,
      loadAverageAtStart: loadavg() },
    runs: { ...N, httpWarmUp: options.httpWarmUp },
    variants: {},
  };
  let direct;
  try {
    const pat = await signIn(plane.baseUrl, 'bench@example.com');
    const ctx = { env, pat, baseUrl: plane.baseUrl, planePid: plane.process.pid, workspaces: await workspaces(plane.baseUrl, pat) };
    // The plane's JIT, not reported: without it the first server measured pays for the plane's
    // warm-up in every figure that waits on it (stdio and HTTP latency, the first tool call).
    direct = planeCallers(ctx);
    await concurrentCallers(direct.many, N.planeWarmUp);
    for (const variant of variants(homes)) {
      const entry = { label: variant.label, command: [variant.command, ...variant.args].join(' ') };
      entry.runtime = variant.kind === 'peer' ? process.version
        : versionOf(variant.env?.AI_SETU_MCP_JAVA ?? variant.command, ['-version']);
      results.variants[variant.id] = entry;
      process.stderr.write(`\n== ${variant.label}\n`);
      if (variant.launcher) {
        const t0 = process.hrtime.bigint();
        train(variant);
        entry.trainingSeconds = millisSince(t0, process.hrtime.bigint()) / 1000;
      }
      if (wants('cold')) {
        entry.coldStart = await coldStart(variant, ctx);
        process.stderr.write(`cold start: initialize median ${entry.coldStart.initialize.median.toFixed(0)} ms\n`);
      }
      if (wants('stdio') || wants('memory')) {
        Object.assign(entry, await throughputAndMemory(variant, ctx));
        process.stderr.write(`stdio: p50 ${entry.sequential.p50.toFixed(3)} ms, ${entry.sequential.callsPerSecond.toFixed(0)} calls/s\n`);
      }
      if (wants('connections')) entry.connections = await connections(variant, ctx);
      if (wants('http')) {
        entry.http = await http(variant, ctx);
        process.stderr.write(`http: p50 ${entry.http.sequential.p50.toFixed(3)} ms, ${entry.http.sequential.callsPerSecond.toFixed(0)} calls/s; `
          + `${N.httpSessions} sessions ${entry.http.concurrentSessions.callsPerSecond.toFixed(0)} calls/s; `
          + `idle session ${entry.http.idleSessionMemory.kibPerSession.toFixed(1)} KiB\n`);
      }
    }
    if (wants('http')) {
      results.controlPlaneDirect = await controlPlaneDirect(direct, ctx);
      process.stderr.write(`\n== control plane direct (the HTTP ceiling)\nsequential: p50 ${results.controlPlaneDirect.sequential.p50.toFixed(3)} ms, `
        + `${results.controlPlaneDirect.sequential.callsPerSecond.toFixed(0)} calls/s; ${N.httpSessions} connections `
        + `${results.controlPlaneDirect.concurrentConnections.callsPerSecond.toFixed(0)} calls/s\n`);
    }
  } finally {
    direct?.close();
    await plane.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  if (options.jmh && existsSync(options.jmh)) results.jmh = JSON.parse(readFileSync(options.jmh, 'utf8')).map((b) => ({
    benchmark: b.benchmark, mode: b.mode, score: b.primaryMetric.score, error: b.primaryMetric.scoreError, unit: b.primaryMetric.scoreUnit,
    params: b.params ?? {},
  }));
  results.machine.loadAverageAtEnd = loadavg();
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(results)}\nload average (1 min) at start ${results.machine.loadAverageAtStart[0].toFixed(1)}, at end ${results.machine.loadAverageAtEnd[0].toFixed(1)} on ${results.machine.cpus} CPUs\nwrote ${file}\n`);
}

// ---- the table ----

function table(results) {
  const peer = results.variants.peer;
  const ours = Object.entries(results.variants).filter(([id]) => id !== 'peer');
  const rows = [];
  const fmt = (v, digits = 1) => (v === undefined || v === null ? '–' : typeof v === 'string' ? v : v.toFixed(digits));
  const ratio = (a, b) => (a === undefined || b === undefined || !b ? '–' : `${(a / b).toFixed(2)}×`);
  const figure = (title, pick, digits, unit) => {
    const p = peer ? pick(peer) : undefined;
    for (const [, v] of ours) rows.push([title, v.label, `${fmt(pick(v), digits)} ${unit}`, `${fmt(p, digits)} ${unit}`, ratio(pick(v), p)]);
  };
  const range = (s) => (s ? `${s.min.toFixed(0)}–${s.max.toFixed(0)}` : '–');
  figure('1 cold start → initialize, median', (v) => v.coldStart?.initialize.median, 0, 'ms');
  figure('1 cold start → initialize, p99', (v) => v.coldStart?.initialize.p99, 0, 'ms');
  for (const [, v] of ours) rows.push(['1 cold start → initialize, min–max', v.label, `${range(v.coldStart?.initialize)} ms`, `${range(peer?.coldStart?.initialize)} ms`, '']);
  figure('1 cold start → first tools/call, median', (v) => v.coldStart?.firstToolCall.median, 0, 'ms');
  figure('2 stdio sequential, p50', (v) => v.sequential?.p50, 3, 'ms');
  figure('2 stdio sequential, p99', (v) => v.sequential?.p99, 3, 'ms');
  figure('2 stdio sequential, calls/s', (v) => v.sequential?.callsPerSecond, 0, '/s');
  figure('2 stdio sequential, server CPU per call', (v) => v.sequential?.cpuMillisPerCall, 3, 'ms');
  figure(`2 stdio ${N.concurrent} concurrent, p50`, (v) => v.concurrent?.p50, 3, 'ms');
  figure(`2 stdio ${N.concurrent} concurrent, p99`, (v) => v.concurrent?.p99, 3, 'ms');
  figure(`2 stdio ${N.concurrent} concurrent, calls/s`, (v) => v.concurrent?.callsPerSecond, 0, '/s');
  figure('3 HTTP sequential, p50', (v) => v.http?.sequential.p50, 3, 'ms');
  figure('3 HTTP sequential, p99', (v) => v.http?.sequential.p99, 3, 'ms');
  figure('3 HTTP sequential, calls/s', (v) => v.http?.sequential.callsPerSecond, 0, '/s');
  figure(`3 HTTP ${N.httpSessions} concurrent sessions, p50`, (v) => v.http?.concurrentSessions.p50, 3, 'ms');
  figure(`3 HTTP ${N.httpSessions} concurrent sessions, p99`, (v) => v.http?.concurrentSessions.p99, 3, 'ms');
  figure(`3 HTTP ${N.httpSessions} concurrent sessions, calls/s`, (v) => v.http?.concurrentSessions.callsPerSecond, 0, '/s');
  const ceiling = results.controlPlaneDirect;
  if (ceiling) {
    const direct = (title, s, value, digits, unit) => rows.push([`3 HTTP ceiling: control plane direct, ${title}`, '(no MCP server)', `${fmt(value(s), digits)} ${unit}`, '', '']);
    for (const [title, s] of [['sequential', ceiling.sequential], [`${N.httpSessions} connections`, ceiling.concurrentConnections]]) {
      direct(`${title}, p50`, s, (x) => x.p50, 3, 'ms');
      direct(`${title}, p99`, s, (x) => x.p99, 3, 'ms');
      direct(`${title}, calls/s`, s, (x) => x.callsPerSecond, 0, '/s');
      direct(`${title}, control-plane CPU per call`, s, (x) => x.cpuMillisPerCall.controlPlane, 3, 'ms');
    }
    const share = (x, of) => (x === undefined ? undefined : (100 * x) / of);
    figure('3 HTTP sequential, calls/s as % of the ceiling', (v) => share(v.http?.sequential.callsPerSecond, ceiling.sequential.callsPerSecond), 0, '%');
    figure(`3 HTTP ${N.httpSessions} concurrent sessions, calls/s as % of the ceiling`,
      (v) => share(v.http?.concurrentSessions.callsPerSecond, ceiling.concurrentConnections.callsPerSecond), 0, '%');
  }
  figure('3 HTTP sequential, server CPU per call', (v) => v.http?.sequential.cpuMillisPerCall?.server, 3, 'ms');
  figure('3 HTTP sequential, control-plane CPU per call', (v) => v.http?.sequential.cpuMillisPerCall?.controlPlane, 3, 'ms');
  figure(`3 HTTP ${N.httpSessions} concurrent sessions, server CPU per call`, (v) => v.http?.concurrentSessions.cpuMillisPerCall?.server, 3, 'ms');
  figure(`3 HTTP ${N.httpSessions} concurrent sessions, control-plane CPU per call`, (v) => v.http?.concurrentSessions.cpuMillisPerCall?.controlPlane, 3, 'ms');
  figure('4 RSS after start', (v) => v.memory && v.memory.rssAfterStartKiB / 1024, 1, 'MiB');
  figure(`4 RSS after ${N.memoryCalls} calls`, (v) => v.memory && v.memory.rssAfterCallsKiB / 1024, 1, 'MiB');
  figure(`4 RSS per idle HTTP session (${N.idleSessions} sessions)`, (v) => v.http?.idleSessionMemory.kibPerSession, 1, 'KiB');
  figure(`4 live heap per idle HTTP session (JVM, after a full GC; ${N.idleSessions} sessions)`,
    (v) => v.http?.idleSessionMemory.liveHeapKiBPerSession, 2, 'KiB');
  figure(`5 control-plane connections / ${N.connectionCalls} calls`, (v) => v.connections?.accepted, 0, '');
  for (const b of results.jmh ?? []) {
    const params = Object.entries(b.params).map(([k, v]) => `${k}=${v}`).join(' ');
    rows.push([`6 JMH ${b.benchmark.replace(/^.*\.(\w+\.\w+)$/, '$1')}`, params || '', `${b.score.toFixed(1)} ± ${b.error.toFixed(1)} ${b.unit}`, '', '']);
  }
  const header = ['figure', 'ai-setu-mcp variant', 'ai-setu-mcp', 'Node peer', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
