// What both interop tests share: the jar and java they run, and how they read tool results.
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const jar = process.env.AI_SETU_MCP_JAR ?? join(root, 'target', 'ai-setu-mcp.jar');
export const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

/** The structured content of a successful `tool` result; on failure, says why and shows `stderr`. */
export function structured(result, tool, stderr) {
  assert.notEqual(result.isError, true, `${tool} failed: ${JSON.stringify(result.content)}\nserver stderr:\n${stderr}`);
  assert.ok(result.structuredContent, `${tool} has no structuredContent`);
  return result.structuredContent;
}

/** Every object in `value` (depth first) that has an `id`. */
export function withIds(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => withIds(v, out));
  else if (value && typeof value === 'object') {
    if (typeof value.id === 'string') out.push(value);
    Object.values(value).forEach((v) => withIds(v, out));
  }
  return out;
}
