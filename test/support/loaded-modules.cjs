// Preloaded into a service process by a test (NODE_OPTIONS=--require): when the process
// exits, it prints which files it loaded through CommonJS (the service's compiled files, and
// the packages', ESM entry points required from CommonJS included), as one line on stderr.
// An ESM package reached only by import() is seen through the CommonJS files it loads.
process.on('exit', () => {
  process.stderr.write(`LOADED_MODULES ${JSON.stringify(Object.keys(require.cache))}\n`);
});
