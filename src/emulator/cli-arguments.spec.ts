import { parseCliArguments } from './cli-arguments';

describe('parseCliArguments', () => {
  it('defaults to 127.0.0.1:4010, with apiz on 4011', () => {
    expect(parseCliArguments([])).toEqual({ port: 4010, apizPort: 4011, host: '127.0.0.1' });
  });

  it('reads --port and --host with = or as the next argument; apiz follows the port', () => {
    expect(parseCliArguments(['--port=5000', '--host', '0.0.0.0'])).toEqual({ port: 5000, apizPort: 5001, host: '0.0.0.0' });
    expect(parseCliArguments(['--port', '0'])).toEqual({ port: 0, apizPort: 0, host: '127.0.0.1' });
  });

  it('reads --apiz-port', () => {
    expect(parseCliArguments(['--port=5000', '--apiz-port=6000'])).toMatchObject({ port: 5000, apizPort: 6000 });
    expect(parseCliArguments(['--port=0', '--apiz-port', '0'])).toMatchObject({ port: 0, apizPort: 0 });
  });

  it('reads --state-file, and without it keeps everything in memory', () => {
    expect(parseCliArguments(['--state-file=data/emulator.json'])).toEqual({
      port: 4010,
      apizPort: 4011,
      host: '127.0.0.1',
      stateFile: 'data/emulator.json',
    });
    expect(parseCliArguments(['--state-file', '/tmp/a b.json']).stateFile).toBe('/tmp/a b.json');
    expect(parseCliArguments([])).not.toHaveProperty('stateFile');
  });

  it.each([
    [['--port=abc']],
    [['--port=70000']],
    [['--port=']],
    [['--port']],
    [['--apiz-port=x']],
    [['--port=4010', '--apiz-port=4010']],
    [['--port=65535']],
    [['--verbose']],
    [['4010']],
    [['--state-file=']],
    [['--state-file']],
  ])('refuses %j', (argv) => {
    expect(() => parseCliArguments(argv)).toThrow();
  });
});
