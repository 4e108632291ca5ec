/**
 * The two error shapes of eBay's OAuth surfaces: the token endpoint answers
 * `{error, error_description}` (RFC 6749 style, eBay's wording), the consent page answers
 * `{error_id, error_description, http_status_code}`.
 */

const UNAVAILABLE = 'The authorization server is currently unable to handle the request.';

export interface TokenErrorBody {
  error: string;
  error_description: string;
}

export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'TokenEndpointError';
  }

  get body(): TokenErrorBody {
    return { error: this.error, error_description: this.description };
  }
}

export const tokenErrors = {
  invalidClient: (): TokenEndpointError => new TokenEndpointError(401, 'invalid_client', 'client authentication failed'),
  invalidRequest: (): TokenEndpointError =>
    new TokenEndpointError(400, 'invalid_request', 'request is missing a required parameter or malformed.'),
  invalidCode: (): TokenEndpointError =>
    new TokenEndpointError(
      400,
      'invalid_grant',
      'the provided authorization grant code is invalid or was issued to another client',
    ),
  invalidRefreshToken: (): TokenEndpointError =>
    new TokenEndpointError(
      400,
      'invalid_grant',
      'the provided authorization refresh token is invalid or was issued to another client',
    ),
  invalidScope: (): TokenEndpointError =>
    new TokenEndpointError(
      400,
      'invalid_scope',
      'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the resource owner',
    ),
  unsupportedGrantType: (): TokenEndpointError =>
    new TokenEndpointError(
      400,
      'unsupported_grant_type',
      'grant type in request is not supported by the authorization server',
    ),
  serverError: (status: number): TokenEndpointError =>
    status === 503
      ? new TokenEndpointError(503, 'temporarily_unavailable', UNAVAILABLE)
      : new TokenEndpointError(status, 'server_error', 'The authorization server encountered an unexpected condition.'),
};

export interface ConsentErrorBody {
  error_id: string;
  error_description: string;
  http_status_code: number;
}

export class ConsentError extends Error {
  constructor(
    readonly status: number,
    readonly errorId: string,
    readonly description: string,
  ) {
    super(`${errorId}: ${description}`);
    this.name = 'ConsentError';
  }

  get body(): ConsentErrorBody {
    return { error_id: this.errorId, error_description: this.description, http_status_code: this.status };
  }
}

export const consentErrors = {
  invalidRequest: (description = 'Input request parameters are invalid.'): ConsentError =>
    new ConsentError(400, 'invalid_request', description),
  invalidScope: (): ConsentError =>
    new ConsentError(
      400,
      'invalid_scope',
      'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
    ),
  unavailable: (status: number): ConsentError =>
    new ConsentError(status, 'temporarily_unavailable', UNAVAILABLE),
};
