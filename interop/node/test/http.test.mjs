// ai-setu-mcp's Streamable HTTP endpoint driven by the official TypeScript MCP SDK client, against
// the real jar (--transport http) and a real local control plane, the caller signed in by one-time
// code and presenting its PAT. A request whose stream carries only its response is answered as
// plain application/json; one that asks the user first (elicitation) as an SSE stream: the client
// must take both, and these tests check which one it got.
//
//   (cd interop/node && npm ci && npm test)      after: mvn -q -B package -DskipTests
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { HttpServerProcess } from '../../../bench/lib/http.mjs';
import { jar, java, structured as structuredOf, withIds } from './support.mjs';
import { scratchEnvironment, signIn, startPlane, workspaces } from '../../../bench/lib/plane.mjs';


let scratch;
let plane;
let server;
let pat;
let client;
const transportErrors = [];
const elicitations = [];
/** For every POSTed JSON-RPC request: its method, tool name and the answer's Content-Type. */
const answers = [];

before(async () => {
  const { dir, env } = scratchEnvironment('ai-setu-interop-http-');
  scratch = dir;
  plane = await startPlane({ java, jar, env });
  pat = await signIn(plane.baseUrl, 'interop-http@example.com');
  server = new HttpServerProcess(java,
    ['-jar', jar, '--transport', 'http', '--port', '0', '--base-url', plane.baseUrl, '--no-transcript'], env);
  const url = await server.ready;

  const recordingFetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === 'POST' && typeof init.body === 'string') {
      const message = JSON.parse(init.body);
      if (message.id !== undefined && message.method) {
        answers.push({ method: message.method, tool: message.params?.name,
          contentType: response.headers.get('content-type') ?? '' });
      }
    }
    return response;
  };
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${pat}` } },
    fetch: recordingFetch,
  });
  client = new Client({ name: 'ai-setu-interop-node-http', version: '0.0.0' },
    { capabilities: { elicitation: { form: {} } } });
  client.onerror = (e) => transportErrors.push(e);
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    elicitations.push(request.params);
    return { action: 'accept', content: { confirm: true } };
  });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  await server?.close();
  await plane?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const structured = (result, tool) => structuredOf(result, tool, server.stderr);

function lastAnswer(tool) {
  const found = answers.filter((a) => a.method === 'tools/call' && a.tool === tool).at(-1);
  assert.ok(found, `no recorded answer to tools/call ${tool}`);
  return found;
}

test('a plain tool call is answered as application/json, with the same result as the plane holds', async () => {
  const expected = await workspaces(plane.baseUrl, pat);
  const listed = withIds(structured(await client.callTool({ name: 'workspaces_list', arguments: {} }), 'workspaces_list'));
  assert.deepEqual(listed.map((w) => w.id).sort(), expected.map((w) => w.id).sort());
  assert.match(lastAnswer('workspaces_list').contentType, /^application\/json/);
  const { tools } = await client.listTools();
  assert.ok(tools.some((t) => t.name === 'workspaces_delete'), 'a write tool is listed for an admin:write PAT');
  assert.match(answers.find((a) => a.method === 'tools/list').contentType, /^application\/json/);
});

test('a call that asks the user first is answered as an SSE stream, and completes once accepted', async () => {
  const created = structured(
    await client.callTool({ name: 'workspaces_create', arguments: { name: 'interop-http-doomed' } }), 'workspaces_create');
  const id = withIds(created).find((w) => w.name === 'interop-http-doomed').id;
  elicitations.length = 0;

  const deleted = await client.callTool({ name: 'workspaces_delete', arguments: { workspaceId: id } });

  structured(deleted, 'workspaces_delete');
  assert.equal(elicitations.length, 1, 'one confirmation asked');
  assert.match(elicitations[0].message, new RegExp(id));
  assert.match(lastAnswer('workspaces_delete').contentType, /^text\/event-stream/);
  assert.ok(!(await workspaces(plane.baseUrl, pat)).some((w) => w.id === id), 'the workspace is gone');
});

test('the client saw no transport error', () => {
  assert.deepEqual(transportErrors.map(String), []);
});
