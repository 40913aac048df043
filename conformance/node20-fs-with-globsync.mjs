// 'node:fs' plus globSync(pattern, { cwd }) for `**/<name pattern>` and plain relative patterns.
import fs from 'node:fs';
import path from 'node:path';

export * from 'node:fs';
export default fs;

function toRegExp(glob) {
  const parts = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp('^' + parts.join('[^/]*') + '$');
}

export function globSync(pattern, options = {}) {
  const cwd = options.cwd ? String(options.cwd) : process.cwd();
  const segments = String(pattern).split('/');
  const recursive = segments[0] === '**';
  const rest = recursive ? segments.slice(1) : segments;
  const matcher = toRegExp(rest.join('/'));
  const results = [];
  const walk = (dir, relative, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      const candidate = recursive ? rel.split('/').slice(-rest.length).join('/') : rel;
      if ((recursive || depth === rest.length - 1) && matcher.test(candidate)) results.push(rel);
      if (entry.isDirectory() && (recursive || depth < rest.length - 1)) {
        walk(path.join(dir, entry.name), rel, depth + 1);
      }
    }
  };
  walk(cwd, '', 0);
  return results;
}
