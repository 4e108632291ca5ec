import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('defaults to 127.0.0.1:4010', () => {
    expect(parseCliArguments([])).toEqual({ port: 4010, host: '127.0.0.1' });
  });

  it('reads --port and --host with = or as the next argument', () => {
    expect(parseCliArguments(['--port=5000', '--host', '0.0.0.0'])).toEqual({ port: 5000, host: '0.0.0.0' });
    expect(parseCliArguments(['--port', '0'])).toEqual({ port: 0, host: '127.0.0.1' });
  });

  it.each([[['--port=abc']], [['--port=70000']], [['--port=']], [['--port']], [['--verbose']], [['4010']]])(
    'refuses %j',
    (argv) => {
      expect(() => parseCliArguments(argv)).toThrow();
    },
  );
});
