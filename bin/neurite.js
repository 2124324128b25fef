#!/usr/bin/env node
'use strict';
// The command line lives in the built bundle; this shim only finds it.
const path = require('node:path');
const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
let entry;
try {
  entry = require(cli);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(cli)) {
    process.stderr.write(`neurite: the command line is not built (${cli} is missing): run npm run build first.\n`);
    process.exit(1);
  }
  throw error;
}
// Output piped into a reader that stops early (`neurite train … | head`) ends the run quietly.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
entry.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`neurite: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
