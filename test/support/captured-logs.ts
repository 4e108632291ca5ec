import { Writable } from 'node:stream';

/** Every log line written to this stream, kept so tests can look for what must never be logged. */
class CapturedLogs extends Writable {
  private readonly chunks: string[] = [];
  private length = 0;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString();
    this.chunks.push(text);
    this.length += text.length;
    done();
  }

  get size(): number {
    return this.length;
  }

  textFrom(offset: number): string {
    return this.chunks.join('').slice(offset);
  }
}

/** What one app logged: the lines written since it started. */
export class AppLogs {
  constructor(
    private readonly capture: CapturedLogs,
    private readonly offset: number,
  ) {}

  get text(): string {
    return this.capture.textFrom(this.offset);
  }

  get lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/**
 * nestjs-pino keeps one root logger per process, bound to the destination of the first app
 * created: a later app in the same test file logs there too. So every app in a process writes
 * to this one capture, and each reads the lines that came after it started.
 */
const processCapture = new CapturedLogs();

export function captureAppLogs(): { readonly destination: Writable; readonly logs: AppLogs } {
  return { destination: processCapture, logs: new AppLogs(processCapture, processCapture.size) };
}
