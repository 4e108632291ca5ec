import { type ErrorRequestHandler, type Request, Router } from 'express';
import { AccountDeletionNotifier } from './account-deletion-notifier';
import { ApiUsage, type UsageView } from './api-usage';
import { ControlError, controlErrors } from './control-errors';
import { CONTROL_PREFIX } from './control-prefix';
import {
  parseAccountDeletionEndpoint,
  parseAccountDeletionRequest,
  parseApp,
  parseClockOffset,
  parseDailyLimit,
  parseFaultSpec,
  parseInvalidation,
  parseJsonText,
  parseLatency,
  parseNewOrder,
  parseNewTransaction,
  parseOrderChanges,
  parseRuName,
  parseTransactionChanges,
  parseUserChanges,
  parseUserSeed,
} from './control-input';
import type { EbayUser } from './ebay-wire.types';
import type { EndpointContext } from './ebay-endpoint';
import { BodyTooLargeError, readBody } from './http-request';
import { inventoryItemBody } from './inventory-items';

export { CONTROL_PREFIX } from './control-prefix';

const BODY_LIMIT_BYTES = 256 * 1024;

/** A test user as the control API lists it. */
export interface TestUserView extends EbayUser {
  orderCount: number;
  transactionCount: number;
}

export interface ClockView {
  /** The emulator's now, ISO 8601. */
  now: string;
  offsetSeconds: number;
}

/**
 * The control API: JSON in, JSON out, for tests, benchmarks and demos. Calls here are never
 * counted in stats, delayed by the base latency or hit by faults. See docs/emulator.md.
 */
export function controlRoutes(context: EndpointContext): Router {
  const { state } = context;
  const router = Router();
  const jsonBody = async (req: Request): Promise<unknown> => parseJsonText(await readBody(req, BODY_LIMIT_BYTES));
  const userView = (user: EbayUser): TestUserView => ({
    ...user,
    orderCount: state.records.orders(user.userId).length,
    transactionCount: state.records.transactions(user.userId).length,
  });
  const clockView = (): ClockView => ({ now: state.clock.now().toISOString(), offsetSeconds: state.clock.offsetSeconds });
  const sellerId = (req: Request): string => state.users.get(param(req, 'username')).userId;

  router.post('/reset', (_req, res) => {
    state.reset();
    res.status(204).end();
  });

  router.get('/stats', (_req, res) => {
    res.json(state.stats.snapshot());
  });
  router.delete('/stats', (_req, res) => {
    state.stats.clear();
    res.status(204).end();
  });

  const usageView = (): UsageView => state.usage.view((userId) => state.users.findById(userId)?.username ?? userId);
  router.get('/rate-limits', (_req, res) => {
    res.json(usageView());
  });
  router.put('/rate-limits/:resource', async (req, res) => {
    const resource = param(req, 'resource');
    if (!ApiUsage.isKnownResource(resource)) throw controlErrors.notFound(`No API resource is named ${resource}`);
    state.usage.setLimit(resource, parseDailyLimit(await jsonBody(req)));
    res.json(usageView());
  });
  router.delete('/rate-limits', (_req, res) => {
    state.usage.clear();
    res.status(204).end();
  });

  router.get('/signing-keys', (_req, res) => {
    res.json(state.signingKeys.snapshot());
  });
  router.delete('/signing-keys/:signingKeyId', (req, res) => {
    const id = param(req, 'signingKeyId');
    if (!state.signingKeys.delete(id)) throw controlErrors.notFound(`No signing key has the id ${id}`);
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json(state.faults.list());
  });
  router.post('/faults', async (req, res) => {
    res.status(201).json(state.faults.add(parseFaultSpec(await jsonBody(req))));
  });
  router.delete('/faults', (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    if (!state.faults.remove(param(req, 'id'))) throw controlErrors.notFound(`No fault has the id ${param(req, 'id')}`);
    res.status(204).end();
  });

  router.put('/latency', async (req, res) => {
    state.latencyMs = parseLatency(await jsonBody(req));
    res.json({ latencyMs: state.latencyMs });
  });

  router.get('/clock', (_req, res) => {
    res.json(clockView());
  });
  router.put('/clock', async (req, res) => {
    state.clock.offsetSeconds = parseClockOffset(await jsonBody(req));
    res.json(clockView());
  });

  router.get('/users', (_req, res) => {
    res.json(state.users.list().map(userView));
  });
  router.post('/users', async (req, res) => {
    res.status(201).json(userView(state.addUser(parseUserSeed(await jsonBody(req)))));
  });
  router.patch('/users/:username', async (req, res) => {
    res.json(userView(state.updateUser(param(req, 'username'), parseUserChanges(await jsonBody(req)))));
  });
  router.post('/users/:username/revoke-refresh-tokens', (req, res) => {
    res.json({ revoked: state.revokeRefreshTokens(param(req, 'username')) });
  });
  router.post('/access-tokens/invalidate', async (req, res) => {
    res.json({ invalidated: state.invalidateAccessTokens(parseInvalidation(await jsonBody(req))) });
  });

  router.get('/users/:username/orders', (req, res) => {
    res.json(state.records.orders(sellerId(req)));
  });
  router.post('/users/:username/orders', async (req, res) => {
    const userId = sellerId(req);
    res.status(201).json(state.records.addOrder(userId, parseNewOrder(await jsonBody(req)), state.clock.nowMs()));
  });
  router.patch('/users/:username/orders/:orderId', async (req, res) => {
    const userId = sellerId(req);
    const changes = parseOrderChanges(await jsonBody(req));
    res.json(state.records.updateOrder(userId, param(req, 'orderId'), changes, state.clock.nowMs()));
  });

  router.get('/users/:username/transactions', (req, res) => {
    res.json(state.records.transactions(sellerId(req)));
  });
  router.post('/users/:username/transactions', async (req, res) => {
    const userId = sellerId(req);
    const input = parseNewTransaction(await jsonBody(req));
    res.status(201).json(state.records.addTransaction(userId, input, state.clock.nowMs()));
  });
  router.patch('/users/:username/transactions/:transactionId', async (req, res) => {
    const userId = sellerId(req);
    const changes = parseTransactionChanges(await jsonBody(req));
    res.json(state.records.updateTransaction(userId, param(req, 'transactionId'), changes));
  });

  router.get('/users/:username/inventory-items', (req, res) => {
    res.json(state.inventory.list(sellerId(req)).map(inventoryItemBody));
  });

  const notifier = new AccountDeletionNotifier(state, context.signal);
  router.get('/notifications/endpoint', (_req, res) => {
    const endpoint = state.accountDeletionEndpoint;
    if (endpoint === undefined) throw controlErrors.notFound('No account deletion endpoint is registered');
    // The verification token is the app's secret; the emulator does not repeat it.
    res.json({ endpointUrl: endpoint.endpointUrl, kid: state.signer.kid });
  });
  router.put('/notifications/endpoint', async (req, res) => {
    const endpoint = parseAccountDeletionEndpoint(await jsonBody(req));
    await notifier.register(endpoint);
    res.json({ endpointUrl: endpoint.endpointUrl, kid: state.signer.kid });
  });
  router.delete('/notifications/endpoint', (_req, res) => {
    state.accountDeletionEndpoint = undefined;
    res.status(204).end();
  });
  router.post('/notifications/account-deletion', async (req, res) => {
    res.json(await notifier.deliver(parseAccountDeletionRequest(await jsonBody(req))));
  });
  router.post('/notifications/account-deletion/signed', async (req, res) => {
    res.json(notifier.sign(parseAccountDeletionRequest(await jsonBody(req))));
  });

  router.get('/apps', (_req, res) => {
    res.json(state.apps.list());
  });
  router.post('/apps', async (req, res) => {
    const app = parseApp(await jsonBody(req));
    state.apps.register(app);
    res.json(state.apps.find(app.clientId));
  });
  router.post('/apps/:clientId/runames', async (req, res) => {
    const clientId = param(req, 'clientId');
    if (state.apps.find(clientId) === undefined) throw controlErrors.notFound(`No app has the client id ${clientId}`);
    state.apps.registerRuName(clientId, parseRuName(await jsonBody(req)));
    res.json(state.apps.find(clientId));
  });

  router.use((req, _res, next) => {
    next(controlErrors.notFound(`No control endpoint ${req.method} ${CONTROL_PREFIX}${req.path}`));
  });
  router.use(controlErrorHandler);
  return router;
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

const controlErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  // The registries refuse impossible apps and RuNames with a RangeError.
  const known =
    error instanceof ControlError
      ? error
      : error instanceof RangeError || error instanceof BodyTooLargeError
        ? controlErrors.invalid(error.message)
        : undefined;
  if (known === undefined) {
    next(error);
    return;
  }
  res.status(known.status).json(known.body);
};
