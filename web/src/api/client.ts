import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { currentSession, signOut } from './session';
import type { ErrorBody } from './types';

/**
 * The console's only way to the API: typed by the service's own OpenAPI document
 * (schema.d.ts, `npm run web:api`), so a route or body that changes breaks this compile.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const bearer: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session !== null) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  onResponse({ request, response }) {
    // A JWT the service no longer accepts (expired, user deactivated): back to the sign-in page.
    if (response.status === 401 && request.headers.has('Authorization')) signOut();
    return response;
  },
};
api.use(bearer);

/** An answer the API refused, with its stable error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `The service answered ${status}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The data of a successful answer; an ApiError otherwise. */
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new Error('The service cannot be reached: check that it is running, then try again');
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw new ApiError(answer.response.status, isErrorBody(answer.error) ? answer.error : undefined);
  }
  return answer.data as T;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).message === 'string';
}

/** What to tell a person about a failure, in words. */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return `${error.message}. Wait a moment, then try again.`;
    if (error.status === 503 && error.code === 'database_unavailable') {
      return 'The service’s database is not answering right now. Try again in a few seconds.';
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
