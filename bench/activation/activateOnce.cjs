// Child process for the activation benchmark: loads the built extension bundle and calls activate()
// against a stand-in for the `vscode` module, then prints the elapsed milliseconds as JSON.
// The stand-in answers every API call with an inert object (a Proxy), so what is timed is the
// extension's own work: evaluating dist/extension.js and running activate(). VS Code's own cost of
// starting an extension host is not included (it is the same for every extension).
'use strict';
const Module = require('node:module');
const path = require('node:path');

const inert = new Proxy(function inert() {}, {
  get(_t, prop) {
    if (prop === Symbol.iterator) return function* empty() {};
    if (prop === Symbol.toPrimitive) return () => 0;
    if (prop === 'then') return undefined;
    return inert;
  },
  apply: () => inert,
  construct: () => inert,
});
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return originalResolve.call(this, request, ...rest);
};
// Every top-level name the real module exports (read from @types/vscode), each bound to the inert object.
const typings = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const api = {};
for (const m of typings.matchAll(/^\texport (?:declare )?(?:namespace|class|enum|function|const|let) (\w+)/gm)) api[m[1]] = inert;
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: api };

const bundle = path.resolve(process.argv[2]);
const t0 = process.hrtime.bigint();
const extension = require(bundle);
const loaded = process.hrtime.bigint();
const context = { subscriptions: [], extension: { packageJSON: { version: 'bench' } }, extensionUri: inert, globalState: inert, workspaceState: inert, secrets: inert };
extension.activate(context);
const done = process.hrtime.bigint();
process.stdout.write(JSON.stringify({ load_ms: Number(loaded - t0) / 1e6, activate_ms: Number(done - loaded) / 1e6, total_ms: Number(done - t0) / 1e6 }));
