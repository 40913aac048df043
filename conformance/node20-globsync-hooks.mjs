// Module hooks for node20-globsync.mjs: 'fs' (from anywhere but the shim) resolves to the shim.
const SHIM = new URL('./node20-fs-with-globsync.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL !== SHIM
      && context.parentURL && !context.parentURL.startsWith('node:')) {
    return { url: SHIM, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
