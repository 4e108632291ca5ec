import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('defaults to 127.0.0.1:4010', () => {
    expect(parseCliArguments([])).toEqual({ port: 4010, host: '127.0.0.1' });
  });

  it('reads --port and --host with = or as the next argument', () => {
    expect(parseCliArguments(['--port=5000', '--host', '0.0.0.0'])).toEqual({ port: 5000, host: '0.0.0.0' });
    expect(parseCliArguments(['--port', '0'])).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it('reads --state-file, and without it keeps everything in memory', () => {
    expect(parseCliArguments(['--state-file=data/emulator.json'])).toEqual({
      port: 4010,
      host: '127.0.0.1',
      stateFile: 'data/emulator.json',
    });
    expect(parseCliArguments(['--state-file', '/tmp/a b.json']).stateFile).toBe('/tmp/a b.json');
    expect(parseCliArguments([])).not.toHaveProperty('stateFile');
  });

  it.each([[['--port=abc']], [['--port=70000']], [['--port=']], [['--port']], [['--verbose']], [['4010']], [['--state-file=']], [['--state-file']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseCliArguments(argv)).toThrow();
    },
  );
});
