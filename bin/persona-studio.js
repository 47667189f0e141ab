#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` into dist/cli.js.
let cli;
try {
  cli = require('../dist/cli.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('persona-studio: the CLI is not built yet. Run `npm run build` in the persona-studio folder first.');
    process.exit(2);
  }
  throw err;
}
cli.main();
