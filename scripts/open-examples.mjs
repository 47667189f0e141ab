// Opens VS Code on examples/ with Persona Studio loaded from this repository (built first when needed).
//   * `code` on PATH (desktop VS Code): `code --extensionDevelopmentPath=<repo> examples` and returns.
//   * otherwise: the bundled code-server (installed into .vscode-test/ on first use, 2-4 min), the extension
//     loaded as a development extension; prints the URL to open in a browser and runs until Ctrl-C.
//
//   npm run open-examples [-- --server] [-- --port 8080] [-- --host 0.0.0.0] [-- --folder <dir>]
//                         [-- --restricted] [-- --state <dir>]
//   --server      use code-server even when `code` is on PATH
//   --host/--port where code-server listens (default 127.0.0.1 and the port used last time, else a free one).
//                 Open the printed URL with exactly that host and port: the development extension is
//                 addressed through them, and the browser keeps the workbench's state per host and port.
//   --restricted  open the folder in Restricted Mode (VS Code asks whether to trust it); by default the folder
//                 you name here is trusted, since you chose to open it
//   --state       where settings, installed extensions and the port are kept between starts
//                 (default .vscode-test/open-examples/; also PERSONA_STUDIO_STATE_DIR)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ensureCodeServer, freePort, repoRoot, startCodeServer, workbenchUrl } from './host/lib.mjs';
import { cacheDir } from './host/paths.mjs';

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      server: { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      folder: { type: 'string', default: path.join(repoRoot, 'examples') },
      restricted: { type: 'boolean', default: false },
      state: { type: 'string', default: process.env.PERSONA_STUDIO_STATE_DIR || path.join(cacheDir, 'open-examples') },
    },
  }));
} catch (err) {
  // an unknown or malformed option: one line, not a stack trace
  console.error(`open-examples: ${err instanceof Error ? err.message : String(err)}; options: --server, --host, --port, --folder, --restricted, --state`);
  process.exit(2);
}

function fail(message) {
  console.error(`open-examples: ${message}`);
  process.exit(2);
}

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));
}

function portIsFree(host, port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, host === '0.0.0.0' ? '0.0.0.0' : host, () => srv.close(() => resolve(true)));
  });
}

/** The port used last time when it is still free, so the browser finds the workbench's state again. */
async function choosePort(stateDir) {
  if (args.port !== undefined) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a whole number from 1 to 65535, not "${args.port}"`);
    return port;
  }
  const file = path.join(stateDir, 'port');
  const last = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
  if (Number.isInteger(last) && last > 0 && (await portIsFree(args.host, last))) return last;
  const port = await freePort();
  if (Number.isInteger(last) && last > 0) {
    console.error(`open-examples: port ${last} (used last time) is taken; using ${port}. The browser keeps open editors per port, so they start fresh this time.`);
  }
  writeFileSync(file, `${port}\n`);
  return port;
}

const folder = path.resolve(args.folder);
if (!existsSync(folder)) fail(`no folder ${folder}`);
if (!ensureBuilt()) fail('the build failed (see above); fix it and run `npm run open-examples` again');

if (!args.server && onPath('code')) {
  const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  if (!ensureCodeServer()) {
    fail('code-server is not installed and installing it failed (the reason is printed above); after fixing it, run `npm run setup:host`, then `npm run open-examples` again');
  }
  const stateDir = path.resolve(args.state);
  mkdirSync(stateDir, { recursive: true });
  const port = await choosePort(stateDir);
  let cs;
  try {
    cs = await startCodeServer({
      tmp: stateDir,
      persistent: true,
      host: args.host,
      port,
      smokeTestDriver: true, // lets the workbench load the development extension named in the URL
      disableWorkspaceTrust: !args.restricted,
      // A workbench for people, not tests: keep the editor's usual suggestions and minimap.
      settings: { 'editor.wordBasedSuggestions': 'matchingDocuments', 'editor.minimap.enabled': true },
    });
  } catch (err) {
    fail(`code-server did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  const shown = args.host === '0.0.0.0' ? '127.0.0.1' : args.host;
  const url = workbenchUrl({ ...cs, remote: (p) => `vscode-remote://${shown}:${cs.port}${p}` }, {
    folder, extensionDevelopmentPath: repoRoot,
  }).replace(`//${args.host}:`, `//${shown}:`);
  console.log(`Persona Studio in VS Code (code-server) on ${path.relative(process.cwd(), folder) || folder}:\n\n  ${url}\n`);
  console.log(`Open that URL in a browser. After \`npm run build\`, reload the window to pick up changes.`);
  console.log(args.restricted
    ? 'Restricted Mode: Persona Studio checks specs but contacts no endpoint and runs nothing until you choose "Trust" (the shield in the status bar, or Manage Workspace Trust).'
    : 'The folder is trusted (you chose to open it): endpoint tests and runs are enabled. `--restricted` opens it in Restricted Mode.');
  console.log(`Settings and extensions are kept in ${path.relative(process.cwd(), stateDir) || stateDir}. code-server log: ${cs.logFile}. Press Ctrl-C to stop.`);
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await cs.stop();
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  cs.proc.on('exit', (code) => {
    if (stopping) return;
    console.error(`open-examples: code-server exited (${code}); its log: ${cs.logFile}`);
    process.exit(1);
  });
}
