import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SigningKeyCipher } from './entities/ebay-signing-key.entity';

/** A keyset's signing key as stored: the private key is ciphertext. */
export interface StoredSigningKey {
  readonly signingKeyId: string;
  readonly cipher: SigningKeyCipher;
  readonly publicKey: string;
  readonly encryptedPrivateKey: string;
  readonly jwe: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** The keyset's row: its key (none until the first is made) and whether someone is making one. */
export interface SigningKeyRow {
  readonly key: StoredSigningKey | null;
  readonly isLeased: boolean;
}

/** What trying to take the lease found: taken (with the row as it was), or the row as it stands. */
export type SigningKeyLeaseAttempt =
  | { readonly leased: true; readonly row: SigningKeyRow }
  | { readonly leased: false; readonly row: SigningKeyRow | null };

interface Row {
  signing_key_id: string | null;
  cipher: SigningKeyCipher | null;
  public_key: string | null;
  private_key: string | null;
  jwe: string | null;
  key_created_at: Date | null;
  expires_at: Date | null;
  is_leased: boolean;
}

const LEASE_IS_FREE = '(lease_until IS NULL OR lease_until <= now())';
const COLUMNS = `signing_key_id, cipher, public_key, private_key, jwe, key_created_at, expires_at, NOT ${LEASE_IS_FREE} AS is_leased`;

/**
 * ebay_signing_keys: one row per keyset. Every statement is a single one (no transaction held
 * open); the lease decides who asks eBay for a key, and a key is written only by the lease's
 * holder.
 */
@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(clientId: string): Promise<SigningKeyRow | null> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM ebay_signing_keys WHERE client_id = $1`, [
      clientId,
    ])) as Row[];
    return row === undefined ? null : rowOf(row);
  }

  /** Makes the keyset's row, with no key yet, unless it exists. */
  async ensureRow(clientId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO ebay_signing_keys (client_id) VALUES ($1) ON CONFLICT (client_id) DO NOTHING',
      [clientId],
    );
  }

  /**
   * Takes the keyset's lease ($2, for $3 seconds) if it is free and the row still holds the
   * key the caller decided to replace ($4; null: none yet), so a replica that read the row
   * before another's renewal landed does not renew again. Reads the row either way.
   */
  async tryLease(
    clientId: string,
    leaseId: string,
    seconds: number,
    replacing: string | null,
  ): Promise<SigningKeyLeaseAttempt> {
    const [row] = (await this.dataSource.query(
      `WITH taken AS (
         UPDATE ebay_signing_keys SET lease_id = $2, lease_until = now() + make_interval(secs => $3), updated_at = now()
          WHERE client_id = $1 AND ${LEASE_IS_FREE} AND signing_key_id IS NOT DISTINCT FROM $4
         RETURNING signing_key_id, cipher, public_key, private_key, jwe, key_created_at, expires_at, false AS is_leased)
       SELECT true AS leased, * FROM taken
       UNION ALL
       SELECT false AS leased, ${COLUMNS} FROM ebay_signing_keys
        WHERE client_id = $1 AND NOT EXISTS (SELECT 1 FROM taken)`,
      [clientId, leaseId, seconds, replacing],
    )) as (Row & { leased: boolean })[];
    if (row === undefined) return { leased: false, row: null };
    return row.leased ? { leased: true, row: rowOf(row) } : { leased: false, row: rowOf(row) };
  }

  /** True once nobody holds the keyset's lease (or it has no row). */
  async isLeaseFree(clientId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `SELECT ${LEASE_IS_FREE} AS free FROM ebay_signing_keys WHERE client_id = $1`,
      [clientId],
    )) as { free: boolean }[];
    return row === undefined || row.free;
  }

  /**
   * Stores a new key and gives the lease back, only while the lease is still this attempt's:
   * false when it is not (it ran out and another replica took it), and nothing is written.
   */
  async storeUnderLease(clientId: string, leaseId: string, key: StoredSigningKey): Promise<boolean> {
    const rows = (await this.dataSource.query(
      // Inside a WITH, so that TypeORM hands back the rows (for a bare UPDATE it answers [rows, count]).
      `WITH stored AS (
         UPDATE ebay_signing_keys
            SET signing_key_id = $3, cipher = $4, public_key = $5, private_key = $6, jwe = $7, key_created_at = $8,
                expires_at = $9, lease_id = NULL, lease_until = NULL, updated_at = now()
          WHERE client_id = $1 AND lease_id = $2
         RETURNING client_id)
       SELECT client_id FROM stored`,
      [
        clientId,
        leaseId,
        key.signingKeyId,
        key.cipher,
        key.publicKey,
        key.encryptedPrivateKey,
        key.jwe,
        key.createdAt,
        key.expiresAt,
      ],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Gives the lease back with the row as it was (the creation failed). */
  async releaseLease(clientId: string, leaseId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE ebay_signing_keys SET lease_id = NULL, lease_until = NULL WHERE client_id = $1 AND lease_id = $2',
      [clientId, leaseId],
    );
  }
}

function rowOf(row: Row): SigningKeyRow {
  const { signing_key_id, cipher, public_key, private_key, jwe, key_created_at, expires_at } = row;
  const key =
    signing_key_id === null ||
    cipher === null ||
    public_key === null ||
    private_key === null ||
    jwe === null ||
    key_created_at === null ||
    expires_at === null
      ? null
      : {
          signingKeyId: signing_key_id,
          cipher,
          publicKey: public_key,
          encryptedPrivateKey: private_key,
          jwe,
          createdAt: key_created_at,
          expiresAt: expires_at,
        };
  return { key, isLeased: row.is_leased };
}
