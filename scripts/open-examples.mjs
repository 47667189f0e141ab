// Opens VS Code on examples/ with Persona Studio loaded from this repository (built first when needed).
//   * `code` on PATH (desktop VS Code): `code --extensionDevelopmentPath=<repo> examples` and returns.
//   * otherwise: the bundled code-server (installed into .vscode-test/ on first use, 2-4 min), the extension
//     loaded as a development extension; prints the URL to open in a browser and runs until Ctrl-C.
//
//   npm run open-examples [-- --server] [-- --port 8080] [-- --host 0.0.0.0] [-- --folder <dir>]
//   --server     use code-server even when `code` is on PATH
//   --host/--port where code-server listens (default 127.0.0.1 and a free port). Open the printed URL with
//                exactly that host and port: the development extension is addressed through them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ensureCodeServer, repoRoot, startCodeServer, workbenchUrl } from './host/lib.mjs';

const { values: args } = parseArgs({
  options: {
    server: { type: 'boolean', default: false },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    folder: { type: 'string', default: path.join(repoRoot, 'examples') },
  },
});

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));
}

const folder = path.resolve(args.folder);
if (!existsSync(folder)) {
  console.error(`open-examples: no folder ${folder}`);
  process.exit(2);
}
if (!ensureBuilt()) {
  console.error('open-examples: the build failed');
  process.exit(2);
}

if (!args.server && onPath('code')) {
  const child = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  if (!ensureCodeServer()) {
    console.error('open-examples: code-server is not installed and installing it failed (see above)');
    process.exit(2);
  }
  const cs = await startCodeServer({
    host: args.host,
    ...(args.port ? { port: Number(args.port) } : {}),
    smokeTestDriver: true, // lets the workbench load the development extension named in the URL
  });
  const shown = args.host === '0.0.0.0' ? '127.0.0.1' : args.host;
  const url = workbenchUrl({ ...cs, remote: (p) => `vscode-remote://${shown}:${cs.port}${p}` }, {
    folder, extensionDevelopmentPath: repoRoot,
  }).replace(`//${args.host}:`, `//${shown}:`);
  console.log(`Persona Studio in VS Code (code-server) on ${path.relative(process.cwd(), folder) || folder}:\n\n  ${url}\n`);
  console.log(`Open that URL in a browser. After \`npm run build\`, reload the window to pick up changes.`);
  console.log(`code-server log: ${cs.logFile}. Press Ctrl-C to stop.`);
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
    console.error(`open-examples: code-server exited (${code})`);
    process.exit(1);
  });
}
