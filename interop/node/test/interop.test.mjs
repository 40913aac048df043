// ai-setu-mcp driven by an independent client: the official TypeScript MCP SDK over stdio,
// against the real jar and a real local control plane (run alone, signed in by one-time code).
//
//   (cd interop/node && npm ci && npm test)      after: mvn -q -B package -DskipTests
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { jar, java, structured as structuredOf, withIds } from './support.mjs';
import { scratchEnvironment, signIn, startPlane, workspaces } from '../../../bench/lib/plane.mjs';
import { startCountingProxy } from '../../../bench/lib/proxy.mjs';


let scratch;
let plane;
let proxy;
let pat;
let client;
let transport;
let stderr = '';
const transportErrors = [];
const elicitations = [];
let elicitationAnswer = { action: 'accept', content: { confirm: true } };

before(async () => {
  const { dir, env } = scratchEnvironment('ai-setu-interop-');
  scratch = dir;
  plane = await startPlane({ java, jar, env });
  pat = await signIn(plane.baseUrl, 'interop@example.com');
  proxy = await startCountingProxy(plane.baseUrl); // lets the cancellation test slow the plane down

  transport = new StdioClientTransport({
    command: java,
    args: ['-jar', jar, '--base-url', proxy.baseUrl, '--no-transcript'],
    env: { ...env, AI_SETU_PAT: pat },
    stderr: 'pipe',
  });
  transport.stderr.on('data', (d) => { stderr += d; });
  client = new Client({ name: 'ai-setu-interop-node', version: '0.0.0' },
    { capabilities: { elicitation: { form: {} } } });
  client.onerror = (e) => transportErrors.push(e);
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    elicitations.push(request.params);
    return elicitationAnswer;
  });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  await proxy?.close();
  await plane?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});


const structured = (result, tool) => structuredOf(result, tool, stderr);

test('lists the catalogue: every tool with an object input schema and explicit hints', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const name of ['whoami', 'workspaces_list', 'workspaces_create', 'workspaces_delete', 'api_keys_create']) {
    assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
  }
  assert.equal(new Set(names).size, names.length, 'duplicate tool names');
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object', `${tool.name} input schema`);
    assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} readOnlyHint`);
    assert.equal(typeof tool.annotations?.destructiveHint, 'boolean', `${tool.name} destructiveHint`);
  }
  assert.equal(tools.find((t) => t.name === 'workspaces_delete').annotations.destructiveHint, true);
});

test('reads: workspaces_list returns the account\'s workspaces as structured content', async () => {
  const expected = await workspaces(plane.baseUrl, pat);
  const listed = withIds(structured(await client.callTool({ name: 'workspaces_list', arguments: {} }), 'workspaces_list'));
  assert.deepEqual(listed.map((w) => w.id).sort(), expected.map((w) => w.id).sort());
  assert.ok(listed.some((w) => w.name === 'default'));
});

test('writes with elicitation: workspaces_delete asks the user, and deletes once accepted', async () => {
  const created = withIds(structured(
    await client.callTool({ name: 'workspaces_create', arguments: { name: 'interop-doomed' } }), 'workspaces_create'));
  const id = created.find((w) => w.name === 'interop-doomed').id;
  elicitations.length = 0;
  elicitationAnswer = { action: 'accept', content: { confirm: true } };

  const deleted = await client.callTool({ name: 'workspaces_delete', arguments: { workspaceId: id } });

  structured(deleted, 'workspaces_delete');
  assert.equal(elicitations.length, 1, 'one confirmation asked');
  assert.match(elicitations[0].message, new RegExp(id));
  assert.equal(elicitations[0].requestedSchema.properties.confirm.type, 'boolean');
  assert.ok(!(await workspaces(plane.baseUrl, pat)).some((w) => w.id === id), 'the workspace is gone');
});

test('writes with elicitation: a declined confirmation changes nothing', async () => {
  const created = withIds(structured(
    await client.callTool({ name: 'workspaces_create', arguments: { name: 'interop-kept' } }), 'workspaces_create'));
  const id = created.find((w) => w.name === 'interop-kept').id;
  elicitations.length = 0;
  elicitationAnswer = { action: 'decline' };

  const refused = await client.callTool({ name: 'workspaces_delete', arguments: { workspaceId: id } });

  assert.equal(refused.isError, true);
  assert.equal(elicitations.length, 1, 'the user was asked');
  assert.ok((await workspaces(plane.baseUrl, pat)).some((w) => w.id === id), 'the workspace is still there');
});

test('a cancelled call is abandoned and the server answers the next call', async () => {
  proxy.delay(5_000); // the control plane now answers after 5 s
  const controller = new AbortController();
  const slow = client.callTool({ name: 'workspaces_list', arguments: {} }, undefined, { signal: controller.signal });
  setTimeout(() => controller.abort('the user moved on'), 300);
  const started = Date.now();
  await assert.rejects(slow, (e) => String(e).includes('the user moved on') || e.name === 'AbortError');
  assert.ok(Date.now() - started < 4_000, 'the cancellation did not wait for the control plane');

  proxy.delay(0);
  const next = await client.callTool({ name: 'workspaces_list', arguments: {} });
  structured(next, 'workspaces_list');
});

test('stdout carried nothing but JSON-RPC', () => {
  assert.deepEqual(transportErrors.map(String), []);
});
