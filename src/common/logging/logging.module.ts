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

/**
 * Structured logs, one line per request with its id, secrets redacted: JSON lines for log
 * shippers (production), or pretty lines for people (LOG_FORMAT=pretty, the development default).
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (app: AppConfig) => {
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
            const destination = options.destination ?? (app.logFormat === 'pretty' ? await prettyStream() : undefined);
            return {
              pinoHttp: destination === undefined ? pinoOptions : [pinoOptions, destination],
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

/** Human-readable lines for a terminal; loaded only when asked for (development). */
async function prettyStream(): Promise<Writable> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    colorize: process.stdout.isTTY,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url} {res.statusCode} {responseTime}ms{end}',
    sync: true,
  });
}

function isProbe(url: string | undefined): boolean {
  return url === '/health/live' || url === '/health/ready';
}
