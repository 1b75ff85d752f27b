// PM2 process file (docs/deployment.md § Deployment steps):
//   npm run build && pm2 start ecosystem.config.js --env production
// Zero-downtime code updates: `pm2 reload nestmap` (see docs/operations.md).
const fs = require('node:fs');
const path = require('node:path');
const { parseEnv } = require('node:util');

const envFile = path.join(__dirname, '.env');
const hasEnvFile = fs.existsSync(envFile);
// Each process reads .env itself when it starts (Node's --env-file), so secrets are not copied into
// PM2's process list or dump, and a reload picks up an edited .env. Variables already set in the
// environment PM2 passes win over the file.
const nodeArgs = hasEnvFile ? [`--env-file=${envFile}`] : [];
const webPort = process.env.WEB_PORT || (hasEnvFile && parseEnv(fs.readFileSync(envFile, 'utf8')).WEB_PORT) || '3000';

module.exports = {
  apps: [
    {
      name: 'nestmap',
      cwd: __dirname,
      script: 'dist/index.js',
      node_args: nodeArgs,
      instances: 'max',
      exec_mode: 'cluster',
      env: {
        NODE_ENV: 'development',
      },
      env_production: {
        NODE_ENV: 'production',
      },
      error_file: './logs/err.log',
      out_file: './logs/out.log',
      log_file: './logs/combined.log',
      time: true,
      // `pm2 reload` starts a new worker and stops the old one only once the new one has called
      // process.send('ready') after listening, or once listen_timeout has passed, ready or not.
      // So listen_timeout is a backstop above the slowest boot: 10 s was exceeded on a loaded
      // 2-core machine, and the port then refused connections until the new workers listened.
      wait_ready: true,
      listen_timeout: 60000,
      // SIGINT first, SIGKILL after kill_timeout (PM2 default 1600 ms, which would cut requests
      // short). docs/security.md's shutdown budget: kill_timeout > the API's drain (DRAIN_MS, 1 s, in
      // apps/api/src/common/http/connection-drain.ts) + the longest request (a Duffel order can
      // take seconds) + DB pool close.
      // Raise it if the API's drain time grows.
      kill_timeout: 10000,
    },
    {
      name: 'nestmap-web',
      cwd: __dirname,
      script: 'node_modules/next/dist/bin/next',
      // Loopback only: Nginx is the one client. docs/deployment.md's firewall closes 5000, not 3000.
      args: ['start', 'apps/web', '-H', '127.0.0.1', '-p', webPort],
      node_args: nodeArgs,
      instances: 1,
      exec_mode: 'fork',
      env: {
        NODE_ENV: 'development',
      },
      env_production: {
        NODE_ENV: 'production',
      },
      error_file: './logs/web-err.log',
      out_file: './logs/web-out.log',
      log_file: './logs/web-combined.log',
      time: true,
    },
  ],
};
