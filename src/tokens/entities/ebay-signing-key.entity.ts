import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const SIGNING_KEY_CIPHERS = ['ED25519'] as const;
export type SigningKeyCipher = (typeof SIGNING_KEY_CIPHERS)[number];

/**
 * The keyset's signing key (eBay's Key Management API), which signs the requests eBay wants
 * signed for EU/UK sellers. The private key column holds ciphertext, never the key. Until the
 * first key is made, every key column is null.
 */
@Entity({ name: 'ebay_signing_keys' })
@Check('ck_ebay_signing_keys_cipher', `cipher IN ('ED25519')`)
@Check(
  'ck_ebay_signing_keys_complete',
  `num_nulls(signing_key_id, cipher, public_key, private_key, jwe, key_created_at, expires_at) IN (0, 7)`,
)
export class EbaySigningKey {
  /** The keyset (app) the key belongs to. */
  @PrimaryColumn({ name: 'client_id', type: 'text', primaryKeyConstraintName: 'pk_ebay_signing_keys' })
  clientId!: string;

  @Column({ name: 'signing_key_id', type: 'text', nullable: true })
  signingKeyId!: string | null;

  @Column({ type: 'text', nullable: true })
  cipher!: SigningKeyCipher | null;

  /** SPKI DER, base64. */
  @Column({ name: 'public_key', type: 'text', nullable: true })
  publicKey!: string | null;

  /** Ciphertext of the PKCS#8 DER (base64) private key. */
  @Column({ name: 'private_key', type: 'text', nullable: true })
  privateKey!: string | null;

  /** Sent as x-ebay-signature-key. */
  @Column({ type: 'text', nullable: true })
  jwe!: string | null;

  /** eBay's creationTime. */
  @Column({ name: 'key_created_at', type: 'timestamptz', nullable: true })
  keyCreatedAt!: Date | null;

  /** eBay's expirationTime. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** The attempt making a key right now; null: nobody is. */
  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  leaseId!: string | null;

  /** The lease ends here (database time); a holder that crashed loses it then. */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
