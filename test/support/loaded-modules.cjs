// Preloaded into a service process by a test (NODE_OPTIONS=--require): when the process
// exits, it prints which compiled files of the service were loaded, as one line on stderr.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((file) => file.includes('/dist/src/'));
  process.stderr.write(`LOADED_MODULES ${JSON.stringify(loaded)}\n`);
});
