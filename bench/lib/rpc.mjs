// A minimal MCP client over stdio: newline-delimited JSON-RPC, requests matched by id. Kept
// bare on purpose, so the figures measure the servers and not a client library.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const PROTOCOL_VERSION = '2025-06-18';

/** CPU time process `pid` has used so far (user + system, all threads), in milliseconds. */
export function cpuMillisOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in 100 Hz ticks
}

export class StdioSession {
  /** Spawns `command args` with `env`; `spawnedAt` is process.hrtime.bigint() just before spawn. */
  constructor(command, args, env) {
    this.spawnedAt = process.hrtime.bigint();
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pending = new Map();
    this.nextId = 1;
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d) => { if (this.stderr.length < 65_536) this.stderr += d; });
    this.child.stdin.on('error', () => {});
    let buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim()) this.#receive(line);
      }
    });
    this.exited.then(({ code, signal }) => {
      for (const { reject } of this.pending.values()) {
        reject(new Error(`server exited (${code ?? signal}) with a request pending; stderr:\n${this.stderr}`));
      }
      this.pending.clear();
    });
  }

  get pid() {
    return this.child.pid;
  }

  #receive(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      const error = new Error(`not JSON-RPC on stdout: ${line.slice(0, 200)}; stderr:\n${this.stderr}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
      this.child.kill('SIGKILL');
      return;
    }
    if (message.id !== undefined && message.method === undefined) {
      const waiter = this.pending.get(message.id);
      if (waiter) {
        this.pending.delete(message.id);
        waiter.resolve({ message, at: process.hrtime.bigint() });
      }
    } else if (message.id !== undefined && message.method !== undefined) {
      // A request from the server (elicitation, roots): decline; the benchmark never needs one.
      this.#send({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'not supported' } });
    }
  }

  #send(message) {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Resolves to { result, at } (at = hrtime of the response); rejects on a JSON-RPC error. */
  request(method, params, timeoutMs = 60_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms; stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: ({ message, at }) => {
          clearTimeout(timer);
          if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
          else resolve({ result: message.result, at });
        },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.#send({ jsonrpc: '2.0', method, ...(params ? { params } : {}) });
  }

  async initialize() {
    const response = await this.request('initialize', {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'ai-setu-mcp-bench', version: '0.0.0' },
    });
    this.notify('notifications/initialized');
    return response;
  }

  /** Calls a tool; rejects when the result is an error result. */
  async call(name, args = {}) {
    const response = await this.request('tools/call', { name, arguments: args });
    if (response.result.isError) {
      throw new Error(`${name} failed: ${JSON.stringify(response.result.content)}`);
    }
    return response;
  }

  /** Resident set size of the server process in KiB (VmRSS). */
  rssKiB() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)[1]);
  }

  /** CPU time the server process has used so far (user + system), in milliseconds. */
  cpuMillis() {
    return cpuMillisOf(this.pid);
  }

  /** Ends input and waits for exit (killing it after `graceMs`). */
  async close(graceMs = 5_000) {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function millisSince(start, end) {
  return Number(end - start) / 1e6;
}
