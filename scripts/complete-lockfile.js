#!/usr/bin/env node
/**
 * Adds lock entries for the platform-specific optional packages (other operating systems'
 * and CPUs' builds of @swc/core and the like) that npm leaves out of package-lock.json when
 * the registry it was written against serves no versions for other platforms. Without them
 * `npm ci` refuses the lock ("Missing: @swc/core-darwin-arm64@ from lock file"); with them,
 * `npm ci` passes here and installs the right build on every other platform.
 *
 * Run it after changing dependencies: `node scripts/complete-lockfile.js`. It changes nothing
 * when every optional dependency already has an entry.
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const LOCK = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;
const FLAGS = ['dev', 'optional', 'devOptional'];

/** Where npm would find `name` from `location`: its own node_modules, then each ancestor's. */
function resolvable(location, name) {
  let base = location;
  for (;;) {
    if (packages[`${base === '' ? '' : `${base}/`}node_modules/${name}`]) return true;
    const cut = base.lastIndexOf('node_modules/');
    if (cut < 0) return false;
    base = base.slice(0, cut).replace(/\/$/, '');
  }
}

let added = 0;
for (const [location, node] of Object.entries(packages)) {
  const optional = node.optionalDependencies ?? {};
  // A sibling build that is in the lock tells which of dev/optional the missing ones share.
  const present = Object.keys(optional).map((name) => packages[`node_modules/${name}`]).find(Boolean);
  for (const [name, version] of Object.entries(optional)) {
    if (resolvable(location, name) || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) continue;
    const flags = Object.fromEntries(FLAGS.filter((flag) => present?.[flag]).map((flag) => [flag, true]));
    packages[`node_modules/${name}`] = { version, ...(Object.keys(flags).length ? flags : { optional: true }) };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: added ${added} platform-specific optional entr${added === 1 ? 'y' : 'ies'}\n`);
