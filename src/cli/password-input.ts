import { CommandRefusal } from './command-refusal';

/** process.stdin, or a stand-in: a terminal has isTTY and setRawMode. */
export interface PasswordInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** More than any password the rules accept; stops an endless pipe from filling memory. */
const MAX_LINE_LENGTH = 64 * 1024;

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';
const END_OF_INPUT = '\u0004';

/**
 * The password for a new account, never from argv. At a terminal it is asked for twice without
 * echo (prompts go to `prompts`, not stdout); otherwise it is the first line of the input, so a
 * secret store can pipe it in.
 */
export async function readPassword(input: PasswordInput, prompts: NodeJS.WritableStream): Promise<string> {
  let password: string;
  if (input.isTTY === true && input.setRawMode !== undefined) {
    const [first, second] = await readHiddenLines(input, prompts, ['Password: ', 'Password (again): ']);
    if (first !== second) throw new CommandRefusal('The two passwords differ; nothing was created');
    password = first;
  } else {
    password = await readFirstLine(input);
  }
  if (password === '') {
    throw new CommandRefusal(
      'No password given: type it at the prompt, or pipe it as the first line of stdin',
    );
  }
  return password;
}

/** Reads one line per prompt in raw mode, echoing nothing; a pasted "a⏎a⏎" fills both. */
function readHiddenLines(input: PasswordInput, prompts: NodeJS.WritableStream, questions: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let current: string[] = [];
    const onData = (chunk: string | Buffer): void => {
      for (const character of chunk.toString()) {
        if (character === INTERRUPT) {
          prompts.write('\n');
          return finish(new CommandRefusal('Cancelled; nothing was created'));
        }
        if (ENTER.has(character) || character === END_OF_INPUT) {
          lines.push(current.join(''));
          current = [];
          prompts.write('\n');
          if (lines.length === questions.length) return finish();
          prompts.write(questions[lines.length]);
        } else if (ERASE.has(character)) {
          current.pop();
        } else if (character >= ' ') {
          current.push(character);
        }
      }
    };
    const onEnd = (): void => finish(new CommandRefusal('The terminal closed before the password was typed'));
    const finish = (error?: Error): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode?.(false);
      input.pause();
      if (error === undefined) resolve(lines);
      else reject(error);
    };
    prompts.write(questions[0]);
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.once('end', onEnd);
    input.resume();
  });
}

/** The first line of a pipe, without its line ending; what follows it is left unread. */
function readFirstLine(input: PasswordInput): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: string | Buffer): void => {
      buffered += chunk.toString();
      const end = buffered.indexOf('\n');
      if (end !== -1) finish(buffered.slice(0, end));
      else if (buffered.length > MAX_LINE_LENGTH) finish(buffered);
    };
    const onEnd = (): void => finish(buffered);
    const onError = (error: Error): void => {
      cleanUp();
      reject(error);
    };
    const finish = (line: string): void => {
      cleanUp();
      resolve(line.endsWith('\r') ? line.slice(0, -1) : line);
    };
    const cleanUp = (): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      input.pause();
    };
    input.setEncoding('utf8');
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}
