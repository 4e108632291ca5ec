import { CommandRefusal } from './command-refusal';

export const CREATE_ADMIN_USAGE =
  'Usage: npm run admin:create -- --email <address>  ' +
  '(the password is asked for at a terminal, or read from the first line of stdin)';

export type CreateAdminArguments = { readonly help: true } | { readonly help: false; readonly email: string };

/** `--email <address>`, `--email=<address>` or `--help`; a refusal names what is wrong. */
export function parseCreateAdminArguments(argv: readonly string[]): CreateAdminArguments {
  let email: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const [name, inlineValue] = splitOption(argument);
    switch (name) {
      case '--help':
      case '-h':
        return { help: true };
      case '--password':
        // Refused even with no value: a habit of typing it there is the thing to break.
        throw new CommandRefusal(
          'A password is never taken from the command line: other users see it in `ps` and it stays ' +
            'in your shell history. Type it at the prompt, or pipe it: ' +
            "printf '%s\\n' \"$PASSWORD\" | npm run admin:create -- --email <address>",
        );
      case '--email': {
        if (email !== undefined) throw new CommandRefusal(`--email is given twice. ${CREATE_ADMIN_USAGE}`);
        const value = inlineValue ?? argv[index + 1];
        if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
          throw new CommandRefusal(`--email needs an address. ${CREATE_ADMIN_USAGE}`);
        }
        if (inlineValue === undefined) index += 1;
        email = value;
        break;
      }
      default:
        // Never echo a value back: a stray word may well be the password.
        throw new CommandRefusal(
          name.startsWith('-')
            ? `Unknown option "${name}". ${CREATE_ADMIN_USAGE}`
            : `Unexpected argument (not shown). ${CREATE_ADMIN_USAGE}`,
        );
    }
  }
  if (email === undefined) throw new CommandRefusal(`--email is required. ${CREATE_ADMIN_USAGE}`);
  return { help: false, email };
}

function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  if (!argument.startsWith('--') || equals === -1) return [argument, undefined];
  return [argument.slice(0, equals), argument.slice(equals + 1)];
}
