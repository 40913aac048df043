// Lets the conformance suite (0.1.16, written for Node 22) run on Node 20: it imports
// `globSync` from 'fs', which Node added in 22. Loaded with `node --import ./node20-globsync.mjs`:
// a module hook hands the suite's 'fs' imports a module that is 'node:fs' plus a globSync for the
// one form it uses (`**/<file pattern>` under a cwd). A `--require` preload that assigns
// fs.globSync is not enough: an ES module's named imports of a builtin are fixed when it loads.
// On Node 22 and later this does nothing.
import { register } from 'node:module';
import fs from 'node:fs';

if (typeof fs.globSync !== 'function') {
  register('./node20-globsync-hooks.mjs', import.meta.url);
}
