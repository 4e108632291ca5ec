import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/configuration';
import { assignRequestId } from '../http/request-id';
import { redactUrl, scrubSensitiveFields } from './log-redaction';

export interface LoggingOptions {
  /** Where log lines go; stdout when unset. Tests pass a stream to read what was logged. */
  readonly destination?: Writable;
}

/** Structured JSON logs, one line per request with its id, secrets redacted. */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (app: AppConfig) => {
            const pinoOptions = {
              level: app.logLevel,
              genReqId: (request: IncomingMessage, response: ServerResponse) =>
                assignRequestId(request, response),
              customProps: (request: IncomingMessage) => ({
                requestId: (request as IncomingMessage & { id?: unknown }).id,
              }),
              // Probes hit these every few seconds; logging each would drown the rest.
              autoLogging: { ignore: (request: IncomingMessage) => isProbe(request.url) },
              redact: {
                // The serializers below drop headers; these catch any logged elsewhere.
                paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
                censor: '[Redacted]',
              },
              serializers: {
                req: (request: SerializedRequest) => ({
                  method: request.method,
                  url: redactUrl(request.url ?? ''),
                  remoteAddress: request.remoteAddress,
                  userAgent: request.headers?.['user-agent'],
                }),
                res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
              },
              formatters: {
                log: (object: Record<string, unknown>) =>
                  scrubSensitiveFields(object) as Record<string, unknown>,
              },
            };
            return {
              pinoHttp: options.destination ? [pinoOptions, options.destination] : pinoOptions,
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            };
          },
        }),
      ],
    };
  }
}

interface SerializedRequest {
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, string | undefined>;
}

function isProbe(url: string | undefined): boolean {
  return url === '/health/live' || url === '/health/ready';
}
