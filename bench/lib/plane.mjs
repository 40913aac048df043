// The local control plane for a benchmark run: started once, shared by every server measured.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh temporary folder and an environment whose XDG state, config and cache directories are
 * inside it, without AI_SETU_PAT or AI_SETU_API_BASE_URL: servers started with it touch nothing
 * of the user's. Returns { dir, env }.
 */
export function scratchEnvironment(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = {
    ...process.env,
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
  };
  delete env.AI_SETU_PAT;
  delete env.AI_SETU_API_BASE_URL;
  return { dir, env };
}

/**
 * Starts `LocalControlPlaneMain --port 0 --in-memory` from the jar and resolves once its stderr
 * names the GraphQL address. Returns { baseUrl, process, close() }.
 */
export async function startPlane({ java = 'java', jar, env }) {
  const child = spawn(java, ['-cp', jar, 'ai.aisetu.local.LocalControlPlaneMain', '--port', '0', '--in-memory'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local plane did not start in 30 s:\n${log}`)), 30_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /local control plane at (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`local plane exited ${code}:\n${log}`)); });
  });
  child.removeAllListeners('exit');
  return {
    baseUrl,
    process: child,
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

async function graphql(baseUrl, query, variables, pat) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(pat ? { authorization: `Bearer ${pat}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/**
 * Signs `email` in by one-time code the way a person would on the local plane: asks for a code,
 * reads it from the outbox (`/outbox.json`), verifies it. Resolves to the new PAT's secret.
 */
export async function signIn(baseUrl, email, scopes = ['admin:read', 'admin:write']) {
  await graphql(baseUrl, 'mutation($email: String!) { requestLoginCode(email: $email) { sent } }', { email });
  const messages = await (await fetch(`${baseUrl}/outbox.json`)).json();
  const message = messages.find((m) => m.to === email.toLowerCase());
  const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`no sign-in code for ${email} in the outbox`);
  const data = await graphql(baseUrl,
    'mutation($email: String!, $code: String!, $scopes: [String!]) { verifyLoginCode(email: $email, code: $code, scopes: $scopes) { secret } }',
    { email, code, scopes });
  return data.verifyLoginCode.secret;
}

/** The caller's workspaces, straight from the control plane (to seed arguments). */
export async function workspaces(baseUrl, pat) {
  return (await graphql(baseUrl, '{ workspaces { id name } }', {}, pat)).workspaces;
}
