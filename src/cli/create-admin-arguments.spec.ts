import { CommandRefusal } from './command-refusal';
import { parseCreateAdminArguments } from './create-admin-arguments';

function refusalOf(argv: string[]): string {
  try {
    parseCreateAdminArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CommandRefusal);
    return (error as Error).message;
  }
  throw new Error('expected the arguments to be refused');
}

describe('parseCreateAdminArguments', () => {
  it('takes the email as "--email x" or "--email=x", as given (the DTO normalises it)', () => {
    expect(parseCreateAdminArguments(['--email', ' Ops@Example.com'])).toEqual({ help: false, email: ' Ops@Example.com' });
    expect(parseCreateAdminArguments(['--email=ops@example.com'])).toEqual({ help: false, email: 'ops@example.com' });
    expect(parseCreateAdminArguments(['--help'])).toEqual({ help: true });
  });

  it('refuses a password in argv in every spelling, saying why, without repeating it', () => {
    for (const argv of [
      ['--email', 'ops@example.com', '--password', 'hunter2hunter2'],
      ['--password=hunter2hunter2', '--email', 'ops@example.com'],
      ['--email', 'ops@example.com', '--password'],
    ]) {
      const message = refusalOf(argv);
      expect(message).toContain('ps');
      expect(message).toContain('shell history');
      expect(message).not.toContain('hunter2');
    }
  });

  it('refuses unknown, missing and repeated arguments with the usage line, never echoing a value', () => {
    expect(refusalOf(['--email', 'ops@example.com', '--admin'])).toMatch(/^Unknown option "--admin"\. Usage: /);
    expect(refusalOf(['--mail=ops@example.com'])).toMatch(/^Unknown option "--mail"\. Usage: /);
    const stray = refusalOf(['--email', 'ops@example.com', 'hunter2hunter2']);
    expect(stray).toMatch(/Usage: /);
    expect(stray).not.toContain('hunter2');
    expect(refusalOf([])).toMatch(/^--email is required\. Usage: /);
    expect(refusalOf(['--email'])).toMatch(/^--email needs an address/);
    expect(refusalOf(['--email', '--help'])).toMatch(/^--email needs an address/);
    expect(refusalOf(['--email', 'a@example.com', '--email', 'b@example.com'])).toMatch(/^--email is given twice/);
  });
});
