// Desktop launcher config: the in-host suite (test/host, bundled to out/test/host/index.js) in a downloaded
// VS Code (Electron) through @vscode/test-electron, for machines that can reach update.code.visualstudio.com.
// Run: `npm run test:electron` (scripts/host/run-electron-tests.mjs reads this file). Here, where VS Code cannot
// be downloaded, `npm run test:host` runs the same suite in code-server; VSCODE_EXECUTABLE=<path> points the
// launcher at an installed VS Code (or a compatible shim) instead of downloading one.
export default {
  /** The VS Code to download ('stable', 'insiders' or a version); engines.vscode is ^1.90.0. */
  version: process.env.VSCODE_VERSION ?? 'stable',
  extensionDevelopmentPath: '.',
  extensionTestsPath: 'out/test/host/index.js',
  /** Copied to a temp folder before each run, so tests may edit it. */
  workspaceFolder: 'examples',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
};
