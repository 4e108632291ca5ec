import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DisabledReason, WebhookEndpoint } from '../entities/webhook-endpoint.entity';

interface EndpointRow {
  readonly id: string;
  readonly org_id: string;
  readonly url: string;
  readonly description: string | null;
  readonly event_types: string[];
  readonly is_enabled: boolean;
  readonly disabled_reason: DisabledReason | null;
  readonly secret: string;
  readonly previous_secret: string | null;
  readonly previous_secret_until: Date | null;
  readonly failing_since: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
}

export interface NewEndpoint {
  readonly orgId: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly string[];
}

export interface EndpointChanges {
  readonly url?: string;
  readonly description?: string | null;
  readonly eventTypes?: readonly string[];
  readonly isEnabled?: boolean;
}

const COLUMNS = `id, org_id, url, description, event_types, is_enabled, disabled_reason, secret, previous_secret,
  previous_secret_until, failing_since, created_at, updated_at`;

/** An organisation's webhook endpoints. Secrets arrive and leave as ciphertext. */
@Injectable()
export class WebhookEndpointRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * Creates the endpoint unless the organisation has `limit` already; the count and the insert
   * are one statement under a lock on the organisation's user row, so racing creates cannot pass it.
   * `encryptSecret` gets the new id (the secret's context).
   */
  async insert(endpoint: NewEndpoint, encryptSecret: (id: string) => string, limit: number): Promise<WebhookEndpoint | null> {
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [endpoint.orgId]);
      const [{ count }] = (await tx.query(`SELECT count(*)::int AS count FROM webhook_endpoints WHERE org_id = $1`, [
        endpoint.orgId,
      ])) as { count: number }[];
      if (count >= limit) return null;
      const [{ id }] = (await tx.query(`SELECT gen_random_uuid()::text AS id`)) as { id: string }[];
      const [row] = (await tx.query(
        `INSERT INTO webhook_endpoints (id, org_id, url, description, event_types, secret)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [id, endpoint.orgId, endpoint.url, endpoint.description, endpoint.eventTypes, encryptSecret(id)],
      )) as EndpointRow[];
      return endpointOf(row);
    });
  }

  async findInOrg(orgId: string, id: string): Promise<WebhookEndpoint | null> {
    const rows = (await this.txHost.tx.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND org_id = $2`, [
      id,
      orgId,
    ])) as EndpointRow[];
    return rows.length === 0 ? null : endpointOf(rows[0]);
  }

  /** Oldest first; an organisation has few (TooManyWebhookEndpointsError bounds them). */
  async listInOrg(orgId: string): Promise<WebhookEndpoint[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE org_id = $1 ORDER BY created_at, id`,
      [orgId],
    )) as EndpointRow[];
    return rows.map(endpointOf);
  }

  /** Enabling clears why it was disabled and the failures behind it; disabling says a user did it. */
  async update(id: string, changes: EndpointChanges): Promise<WebhookEndpoint> {
    const [rows] = (await this.dataSource.query(
      `UPDATE webhook_endpoints
          SET url = COALESCE($2, url),
              description = CASE WHEN $3::boolean THEN $4 ELSE description END,
              event_types = COALESCE($5::text[], event_types),
              is_enabled = COALESCE($6, is_enabled),
              disabled_reason = CASE WHEN $6 IS NULL THEN disabled_reason WHEN $6 THEN NULL ELSE 'by_user' END,
              failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
              updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.url ?? null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.eventTypes ?? null,
        changes.isEnabled ?? null,
      ],
    )) as [EndpointRow[], number];
    return endpointOf(rows[0]);
  }

  /** The new secret signs from now on; the old one beside it until `previousUntil`. */
  async rotateSecret(id: string, secret: string, previousSecret: string, previousUntil: Date): Promise<WebhookEndpoint> {
    const [rows] = (await this.dataSource.query(
      `UPDATE webhook_endpoints SET secret = $2, previous_secret = $3, previous_secret_until = $4, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, secret, previousSecret, previousUntil],
    )) as [EndpointRow[], number];
    return endpointOf(rows[0]);
  }

  /** Its deliveries and their attempts go with it. */
  async delete(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [id]);
  }
}

export function endpointOf(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    isEnabled: row.is_enabled,
    disabledReason: row.disabled_reason,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretUntil: row.previous_secret_until,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
