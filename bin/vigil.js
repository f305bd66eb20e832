#!/usr/bin/env node
// The `vigil` operator command. From a checkout (`npx vigil …`) it builds itself once if needed.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('vigil: building the command once (npx nest build)…\n');
  const built = spawnSync('npx', ['nest', 'build', 'vigil'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(1);
}
require(entry);
