// Preloaded into electronegativity's process by electronegativity-check.mjs.
// @doyensec/electronegativity requires 'commander' without declaring it as a dependency, and uses
// the v5 API (`program.version(...)`); it used to get whichever commander npm hoisted. Neurite's
// own CLI needs commander 14, so electronegativity is pointed at commander 5.1.0, installed under
// the alias `electronegativity-commander` (package.json devDependencies).
const Module = require('node:module');
const legacy = require.resolve('electronegativity-commander');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent?.filename?.includes(`${require('node:path').sep}@doyensec${require('node:path').sep}electronegativity${require('node:path').sep}`)) return legacy;
  return resolve.call(this, request, parent, ...rest);
};
