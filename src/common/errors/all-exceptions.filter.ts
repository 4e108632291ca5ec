import { STATUS_CODES } from 'node:http';
import { types } from 'node:util';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '../../database/database-unavailable';
import { HttpLayerError } from '../http/http-layer.error';
import { assignRequestId } from '../http/request-id';
import { describeError } from '../logging/error-description';
import { DomainError, type DomainErrorKind } from './domain.error';
import type { ErrorResponse } from './error-response.dto';

/** The HTTP status each kind of DomainError answers. */
export const STATUS_OF_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  bad_gateway: HttpStatus.BAD_GATEWAY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  gateway_timeout: HttpStatus.GATEWAY_TIMEOUT,
};

/** Errors raised by Express's body parsers before a route runs (bad JSON, too large…). */
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is too large (the limit is 100 kB)',
  'encoding.unsupported': 'The request body has an unsupported content encoding',
  'charset.unsupported': 'The request body has an unsupported charset',
  'request.aborted': 'The request was aborted before its body arrived',
  'request.size.invalid': 'The request body is shorter or longer than its Content-Length',
};

/** How soon a client may try again when the database cannot answer. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

interface Described {
  status: number;
  message: string;
  code?: string;
  retryAfterSeconds?: number;
  details?: Readonly<Record<string, string | number>>;
}

/**
 * Turns every error into `{statusCode, error, message, requestId}`. Known errors keep their
 * status and message; anything else is logged once with its stack and answered as a bare 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }

  /**
   * Answers an error with the JSON body. Also Express's last error handler (create-app.ts), for
   * what fails outside Nest's routes, so no answer is ever Express's HTML page.
   */
  respond(exception: unknown, request: Request, response: Response): void {
    const requestId = assignRequestId(request, response);
    const described = this.describe(exception);

    if (described.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(described.retryAfterSeconds))));
    }
    const body: ErrorResponse = {
      statusCode: described.status,
      error: STATUS_CODES[described.status] ?? 'Error',
      message: described.message,
      requestId,
      ...(described.code === undefined ? {} : { code: described.code }),
      ...(described.details === undefined ? {} : { details: { ...described.details } }),
    };
    if (response.headersSent) return;
    response.status(described.status).json(body);
  }

  private describe(exception: unknown): Described {
    if (exception instanceof DomainError) {
      return {
        status: STATUS_OF_KIND[exception.kind],
        message: exception.message,
        code: exception.code,
        retryAfterSeconds: exception.retryAfterSeconds,
        details: exception.details,
      };
    }
    // Express's body parsers fail before any route runs; Nest may wrap them (cause) or not.
    const bodyParserError =
      asBodyParserError(exception) ??
      (exception instanceof HttpException ? asBodyParserError(exception.cause) : undefined);
    if (bodyParserError !== undefined) return bodyParserError;
    if (exception instanceof HttpException) {
      return { status: exception.getStatus(), message: messageOf(exception) };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: describeError(exception as Error) }, 'The database could not answer');
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        message: 'The database is unavailable right now; try again shortly',
        code: 'database_unavailable',
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      };
    }

    // Logged through the redaction, which keeps an error's message, stack and codes only.
    this.logger.error(exception instanceof Error || types.isNativeError(exception) ? exception : String(exception), 'Unhandled error');
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  }
}

function messageOf(exception: HttpException): string {
  const payload = exception.getResponse();
  if (typeof payload === 'string') return payload;
  const message = (payload as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

function asBodyParserError(exception: unknown): Described | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status } = exception as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) {
    return undefined;
  }
  // Our own refusals say what they refused; body-parser's messages are its own wording.
  if (exception instanceof HttpLayerError) return { status, message: exception.message };
  return { status, message: BODY_PARSER_MESSAGES[type] ?? 'The request body could not be read' };
}
