import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';

describe('writeFileAtomically', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'atomic-file-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  // 0o000 would let a default mode through; 0o277 would strip the owner's write bit.
  it.each(['000', '277'])('creates the file with the mode asked for under umask %s', async (umask) => {
    const path = join(directory, 'state.json');
    const previous = process.umask(parseInt(umask, 8));
    try {
      await writeFileAtomically(path, '{"a":1}', 0o600);
    } finally {
      process.umask(previous);
    }

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
  });

  it('replaces an existing file whole and leaves no temporary file beside it', async () => {
    const path = join(directory, 'state.json');
    await writeFile(path, 'x'.repeat(10_000));

    await writeFileAtomically(path, 'short', 0o600);

    expect(await readFile(path, 'utf8')).toBe('short');
    expect(await readdir(directory)).toEqual(['state.json']);
  });

  it('leaves no temporary file behind when the rename fails', async () => {
    // A non-empty directory where the file should be: the temporary file is written, the rename refused.
    const path = join(directory, 'state.json');
    await mkdir(join(path, 'child'), { recursive: true });

    await expect(writeFileAtomically(path, 'new', 0o600)).rejects.toThrow();

    expect(await readdir(directory)).toEqual(['state.json']);
  });
});
