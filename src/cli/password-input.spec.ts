import { PassThrough } from 'node:stream';
import { CommandRefusal } from './command-refusal';
import { type PasswordInput, readPassword } from './password-input';

/** What the prompts wrote, to check nothing typed is echoed. */
function promptSink(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

/** A stand-in terminal: records raw mode as the real one would switch it. */
function fakeTerminal(): PassThrough & PasswordInput & { rawModes: boolean[] } {
  const rawModes: boolean[] = [];
  return Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes,
    setRawMode(mode: boolean) {
      rawModes.push(mode);
    },
  });
}

describe('readPassword', () => {
  it('reads the first line of a pipe, keeping spaces, dropping the line ending and what follows', async () => {
    const pipe = new PassThrough();
    const prompts = promptSink();
    const reading = readPassword(pipe, prompts.stream);
    pipe.write('  correct horse ');
    pipe.write('battery \r\nsecond line\n');
    await expect(reading).resolves.toBe('  correct horse battery ');
    expect(prompts.text()).toBe('');
  });

  it('takes a last line without a line ending, and refuses an empty pipe', async () => {
    const unterminated = new PassThrough();
    const reading = readPassword(unterminated, promptSink().stream);
    unterminated.end('correct horse battery');
    await expect(reading).resolves.toBe('correct horse battery');

    const empty = new PassThrough();
    const refused = readPassword(empty, promptSink().stream);
    empty.end();
    await expect(refused).rejects.toThrow(CommandRefusal);
    await expect(refused).rejects.toThrow('No password given');
  });

  it('at a terminal asks twice in raw mode, echoes nothing typed, honours backspace, restores the terminal', async () => {
    const terminal = fakeTerminal();
    const prompts = promptSink();
    const reading = readPassword(terminal, prompts.stream);
    terminal.write('correct horse batteryX\u007f staple\r');
    terminal.write('correct horse battery staple\r');

    await expect(reading).resolves.toBe('correct horse battery staple');
    expect(prompts.text()).toBe('Password: \nPassword (again): \n');
    expect(terminal.rawModes).toEqual([true, false]);
  });

  it('at a terminal refuses two different passwords, and Ctrl-C', async () => {
    const differing = fakeTerminal();
    const refused = readPassword(differing, promptSink().stream);
    differing.write('correct horse battery staple\rcorrect horse battery stable\r');
    await expect(refused).rejects.toThrow('The two passwords differ; nothing was created');
    expect(differing.rawModes).toEqual([true, false]);

    const interrupted = fakeTerminal();
    const cancelled = readPassword(interrupted, promptSink().stream);
    interrupted.write('correct\u0003');
    await expect(cancelled).rejects.toThrow('Cancelled; nothing was created');
    expect(interrupted.rawModes).toEqual([true, false]);
  });
});
