#!/usr/bin/env node
// The benchmark peer: what a user would otherwise run. A straightforward Node port of two
// @ai-setu/mcp tools on the official TypeScript MCP SDK, over stdio: the global fetch to the same
// GraphQL endpoint, with the same operation documents as ai-setu-mcp
// (src/main/resources/operations/*.graphql).
//
//   AI_SETU_PAT=tt_pat_… AI_SETU_API_BASE_URL=http://127.0.0.1:8787 node bench/peer/server.mjs
//   AI_SETU_API_BASE_URL=http://127.0.0.1:8787 node bench/peer/server.mjs --http --port 0
//
// Over stdio it logs nothing; stdout carries JSON-RPC only. With --http it serves Streamable HTTP
// at /mcp on loopback the way the SDK's docs show (stateful: one McpServer and one
// StreamableHTTPServerTransport per session), each caller presenting `Authorization: Bearer
// <PAT>`, and that PAT is the one the session's fetches use. It prints
// "serving MCP on http://127.0.0.1:<port>/mcp" on stderr once listening.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const here = dirname(fileURLToPath(import.meta.url));
const operations = process.env.AI_SETU_OPERATIONS_DIR
  ?? join(here, '..', '..', 'src', 'main', 'resources', 'operations');
const documents = {
  workspaces_list: readFileSync(join(operations, 'workspaces_list.graphql'), 'utf8'),
  api_keys_create: readFileSync(join(operations, 'api_keys_create.graphql'), 'utf8'),
};
const baseUrl = (process.env.AI_SETU_API_BASE_URL ?? 'https://api.aisetu.ai').replace(/\/+$/, '');

async function graphql(pat, document, variables, signal) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(pat ? { authorization: `Bearer ${pat}` } : {}),
    },
    body: JSON.stringify({ query: document, variables }),
    signal,
  });
  if (!response.ok) throw new Error(`control plane answered HTTP ${response.status}`);
  const body = await response.json();
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  }
  return body.data;
}

function result(structured) {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

function failure(error) {
  return { content: [{ type: 'text', text: String(error.message ?? error) }], isError: true };
}

const workspace = z.object({ id: z.string(), tenantId: z.string(), name: z.string(), createdAt: z.string() });
const apiKey = z.object({
  id: z.string(), workspaceId: z.string(), name: z.string(), keyHint: z.string(), createdAt: z.string(),
  lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});

/** The MCP server of one session, whose fetches present `pat`. */
function mcpServer(pat) {
const server = new McpServer({ name: 'ai-setu-mcp-node-peer', version: '0.0.0' });

server.registerTool('workspaces_list', {
  title: 'List workspaces',
  description: 'Lists the workspaces of the caller\'s tenant.',
  inputSchema: {},
  outputSchema: { workspaces: z.array(workspace) },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
}, async (_args, extra) => {
  try {
    const data = await graphql(pat, documents.workspaces_list, {}, extra.signal);
    return result({ workspaces: data.workspaces });
  } catch (e) {
    return failure(e);
  }
});

server.registerTool('api_keys_create', {
  title: 'Create an API key',
  description: 'Creates a workspace API key; its secret is shown once.',
  inputSchema: { workspaceId: z.string().describe('The workspace id'), name: z.string().describe('A label for the key') },
  outputSchema: { apiKey, secret: z.string() },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
}, async ({ workspaceId, name }, extra) => {
  try {
    const data = await graphql(pat, documents.api_keys_create, { workspaceId, name }, extra.signal);
    return result(data.createApiKey);
  } catch (e) {
    return failure(e);
  }
});

return server;
}

function option(name) {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

if (!process.argv.includes('--http')) {
  await mcpServer(process.env.AI_SETU_PAT).connect(new StdioServerTransport());
} else {
  const transports = new Map(); // session id -> transport
  const reply = (res, status, message) => {
    res.writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };
  const http = createServer(async (req, res) => {
    const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!auth) return reply(res, 401, 'Unauthorized: send Authorization: Bearer <PAT>');
    if (new URL(req.url, 'http://localhost').pathname !== '/mcp') return reply(res, 404, 'Not found');
    let body;
    if (req.method === 'POST') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 400, 'Parse error');
      }
    }
    const sessionId = req.headers['mcp-session-id'];
    let transport = sessionId ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId || req.method !== 'POST' || !isInitializeRequest(body)) {
        return reply(res, sessionId ? 404 : 400, sessionId ? 'Session not found' : 'Bad Request: no valid session ID');
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => transports.set(id, transport),
      });
      transport.onclose = () => { if (transport.sessionId) transports.delete(transport.sessionId); };
      await mcpServer(auth[1]).connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  http.listen(Number(option('--port') ?? 0), '127.0.0.1', () => {
    process.stderr.write(`serving MCP on http://127.0.0.1:${http.address().port}/mcp\n`);
  });
}
