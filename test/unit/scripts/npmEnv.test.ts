// scripts/host/npmEnv.mjs: the nested npm install of code-server must not inherit what an outer `npm run`
// exported. Reproducer of issue 7: under `npm run setup:host` the environment carried
// npm_config_user_agent="npm/11… node/v20…", which code-server's postinstall.sh reads to decide the Node major.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

function nestedEnv(base: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  // The script is an ES module used by plain-node scripts; run it in a child to test it as they use it.
  const code = `import(${JSON.stringify(path.join(repoRoot, 'scripts/host/npmEnv.mjs'))})
    .then((m) => process.stdout.write(JSON.stringify(m.nestedNpmEnv(${JSON.stringify(base)}, ${JSON.stringify(extra)}))))`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

describe('scripts/host/npmEnv nestedNpmEnv', () => {
  it('drops the outer npm run\'s user agent, exec paths, lifecycle and package variables', () => {
    const env = nestedEnv({
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_node_execpath: '/usr/bin/node',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      npm_lifecycle_event: 'setup:host',
      npm_lifecycle_script: 'node scripts/host/install-code-server.mjs',
      npm_package_name: 'persona-studio',
      npm_command: 'run-script',
      NODE: '/usr/bin/node',
      INIT_CWD: '/work/main',
      npm_config_registry: 'https://registry.example/',
    });
    assert.deepEqual(Object.keys(env).sort(), ['HOME', 'PATH', 'npm_config_registry']);
  });

  it('keeps the user\'s own npm configuration and adds the overrides last', () => {
    const env = nestedEnv({ npm_config_cache: '/tmp/c', PATH: '/usr/bin' }, { PATH: '/node24/bin:/usr/bin', npm_config_nodedir: '/node24' });
    assert.equal(env.npm_config_cache, '/tmp/c');
    assert.equal(env.PATH, '/node24/bin:/usr/bin');
    assert.equal(env.npm_config_nodedir, '/node24');
  });
});
