// Preloaded (NODE_OPTIONS=--require) into one service process by bench/startup.ts: where the
// time of loading modules goes. Every CommonJS load that crosses into another package (or into
// our own files) is timed; a package's time is what its first loads took minus the loads of
// other packages inside them, so an ESM package counts its whole import graph (ESM imports do
// not pass through Module._load). The hook itself costs a little: these figures explain the
// untraced runs' time, they are not that time. Prints one line, `LOAD_TRACE {json}`, on stderr
// when the process exits.
'use strict';
const Module = require('node:module');

const originalLoad = Module._load;
/** Package name → milliseconds; `null` stands for our own files (not under node_modules). */
const spent = new Map();
const frames = [];
let mainEvaluatedMs;
let filesAtMain = 0;

function packageOf(filename) {
  const at = filename.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [scope, name] = filename.slice(at + '/node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

Module._load = function load(request, parent, isMain) {
  let filename;
  try {
    filename = Module._resolveFilename(request, parent, isMain);
  } catch {
    return originalLoad.apply(this, arguments);
  }
  // Node's built-ins, and loads within one package, belong to whoever is loading.
  if (!filename.includes('/')) return originalLoad.apply(this, arguments);
  const owner = packageOf(filename);
  if (!isMain && parent?.filename !== undefined && packageOf(parent.filename) === owner) {
    return originalLoad.apply(this, arguments);
  }
  const frame = { nested: 0 };
  frames.push(frame);
  const started = performance.now();
  try {
    return originalLoad.apply(this, arguments);
  } finally {
    const took = performance.now() - started;
    frames.pop();
    if (frames.length > 0) frames[frames.length - 1].nested += took;
    spent.set(owner, (spent.get(owner) ?? 0) + took - frame.nested);
    if (isMain) {
      mainEvaluatedMs = performance.now();
      filesAtMain = Object.keys(Module._cache).length;
    }
  }
};

process.on('exit', () => {
  const ours = spent.get(null) ?? 0;
  spent.delete(null);
  const trace = {
    // From the start of this process (performance.timeOrigin).
    mainEvaluatedMs,
    ownFilesMs: ours,
    filesAtMain,
    filesAtExit: Object.keys(Module._cache).length,
    packagesMs: Object.fromEntries([...spent].sort((a, b) => b[1] - a[1])),
  };
  process.stderr.write(`LOAD_TRACE ${JSON.stringify(trace)}\n`);
});
