import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';

export const PASSWORD = 'correct horse battery staple';

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly isAdmin: boolean;
  readonly jwt: string;
  /** `{ Authorization: 'Bearer …' }` for supertest's .set(). */
  readonly auth: { Authorization: string };
}

/** A unique email for a test user. */
export function anEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
}

/** Registers a user through the API and signs them in. */
export async function registerAndLogin(http: TestAgent, email = anEmail()): Promise<SignedInUser> {
  const registered = await http.post('/api/auth/register').send({ email, password: PASSWORD }).expect(201);
  return { ...(await login(http, email)), isAdmin: registered.body.isAdmin as boolean };
}

export async function login(
  http: TestAgent,
  email: string,
  password = PASSWORD,
): Promise<Omit<SignedInUser, 'isAdmin'>> {
  const response = await http.post('/api/auth/login').send({ email, password }).expect(200);
  const jwt = response.body.accessToken as string;
  const me = await http.get('/api/auth/me').set('Authorization', `Bearer ${jwt}`).expect(200);
  return { id: me.body.id as string, email, jwt, auth: { Authorization: `Bearer ${jwt}` } };
}
