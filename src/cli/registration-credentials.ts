import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RegisterRequest } from '../auth/dto/credentials.dto';
import { CommandRefusal } from './command-refusal';

/**
 * Checks an email and password by the registration rules themselves (the DTO POST
 * /api/auth/register validates with, under the global pipe's options), so the command can never
 * accept what the API would refuse, and normalises the email the same way.
 */
export async function validateRegistrationCredentials(email: string, password: string): Promise<RegisterRequest> {
  const request = plainToInstance(RegisterRequest, { email, password });
  const errors = await validate(request, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  if (errors.length > 0) {
    // The messages name the rule, never the value ("password must be at least 10 characters long").
    const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new CommandRefusal(`Refused: ${messages.join('; ')}`);
  }
  return request;
}
