// A minimal Streamable HTTP MCP client: one POST per JSON-RPC message on a keep-alive connection,
// the response read as JSON or as an SSE stream up to the event answering the request. Kept bare
// on purpose (node:http, no SDK), so the figures measure the servers and not a client library.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { cpuMillisOf, PROTOCOL_VERSION } from './rpc.mjs';

/** Spawns an HTTP server and resolves once it prints "serving MCP on <url>" on stderr. */
export class HttpServerProcess {
  constructor(command, args, env) {
    this.child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.stderr = '';
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.child.stderr.setEncoding('utf8');
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving MCP on" line in 60 s; stderr:\n${this.stderr}`)), 60_000);
      this.child.stderr.on('data', (d) => {
        if (this.stderr.length < 65_536) this.stderr += d;
        const m = /serving MCP on (http:\/\/\S+?\/mcp)\b/.exec(this.stderr);
        if (m && !this.url) {
          this.url = m[1];
          clearTimeout(timer);
          resolve(this.url);
        }
      });
      this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal}) before listening; stderr:\n${this.stderr}`));
      });
    });
  }

  rssKiB() {
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))[1]);
  }

  /** CPU time the server process has used so far (user + system), in milliseconds. */
  cpuMillis() {
    return cpuMillisOf(this.child.pid);
  }

  async close(graceMs = 10_000) {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** One MCP session over Streamable HTTP, authenticated with `token`. */
export class HttpSession {
  constructor(url, token, agent) {
    this.url = new URL(url);
    this.token = token;
    this.agent = agent ?? new Agent({ keepAlive: true, maxSockets: 1 });
    this.sessionId = undefined;
    this.nextId = 1;
  }

  #post(message) {
    const body = JSON.stringify(message);
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${this.token}`,
      'content-length': Buffer.byteLength(body),
    };
    if (this.sessionId) {
      headers['mcp-session-id'] = this.sessionId;
      headers['mcp-protocol-version'] = PROTOCOL_VERSION;
    }
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', headers, agent: this.agent }, (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, at: process.hrtime.bigint() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends a request; resolves to { result, at } from a JSON body or the SSE event carrying its id. */
  async request(method, params) {
    const id = this.nextId++;
    const response = await this.#post({ jsonrpc: '2.0', id, method, params });
    if (response.status !== 200) {
      throw new Error(`${method}: HTTP ${response.status}: ${response.text.slice(0, 300)}`);
    }
    if (method === 'initialize') this.sessionId = response.headers['mcp-session-id'];
    let message;
    if (String(response.headers['content-type']).startsWith('text/event-stream')) {
      for (const line of response.text.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const m = JSON.parse(line.slice(5));
        if (m.id === id && m.method === undefined) message = m;
      }
    } else {
      message = JSON.parse(response.text);
    }
    if (!message) throw new Error(`${method}: no response in ${response.text.slice(0, 300)}`);
    if (message.error) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
    return { result: message.result, at: response.at };
  }

  async initialize() {
    const response = await this.request('initialize', {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'ai-setu-mcp-bench', version: '0.0.0' },
    });
    const ack = await this.#post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    if (ack.status !== 202 && ack.status !== 200) throw new Error(`notifications/initialized: HTTP ${ack.status}`);
    return response;
  }

  async call(name, args = {}) {
    const response = await this.request('tools/call', { name, arguments: args });
    if (response.result.isError) throw new Error(`${name} failed: ${JSON.stringify(response.result.content)}`);
    return response;
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * The GraphQL request `workspaces_list` makes, sent straight to the control plane on one
 * keep-alive connection (the "control plane direct" ceiling): the same document, operation name,
 * variables and headers as ai-setu-mcp's transport, the PAT as its bearer token.
 */
export class GraphQLCaller {
  constructor(baseUrl, token, document, operationName) {
    this.url = new URL('/graphql', baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: 1 });
    this.body = JSON.stringify({ query: document, operationName, variables: {} });
    this.headers = {
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'content-length': Buffer.byteLength(this.body),
    };
  }

  /** Resolves to { at } once the whole answer is read; rejects on a non-200 or GraphQL errors. */
  call() {
    return new Promise((resolve, reject) => {
      const req = request(this.url, { method: 'POST', headers: this.headers, agent: this.agent }, (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => {
          const at = process.hrtime.bigint();
          if (res.statusCode !== 200) return reject(new Error(`control plane: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          const body = JSON.parse(text);
          if (body.errors) return reject(new Error(`control plane: ${JSON.stringify(body.errors)}`));
          resolve({ at });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(this.body);
    });
  }

  close() {
    this.agent.destroy();
  }
}
