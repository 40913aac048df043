// What both interop tests read out of tool results.
import assert from 'node:assert/strict';

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
