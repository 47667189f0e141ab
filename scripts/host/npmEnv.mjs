// Environment helpers for the nested npm installs of the test host (scripts/host/install-code-server.mjs).

/**
 * The environment for a nested `npm install`, without what an outer `npm run` exported. npm reads every
 * `npm_config_*` variable as configuration, so the outer run's `npm_config_user_agent` ("npm/11 node/v20 …")
 * would become the inner npm's user agent, and code-server's postinstall.sh reads the Node major from it and
 * refuses to install ("requires node v24 … detected node v20") even with Node 24 first on PATH.
 */
export function nestedNpmEnv(base, extra = {}) {
  const env = { ...base };
  for (const key of Object.keys(env)) {
    if (/^npm_(config_user_agent|node_execpath|execpath|lifecycle_|package_|command$)/i.test(key)
        || key === 'NODE' || key === 'INIT_CWD') {
      delete env[key];
    }
  }
  return { ...env, ...extra };
}
