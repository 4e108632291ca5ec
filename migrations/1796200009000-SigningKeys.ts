import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyset's signing key for eBay's digital signatures (EU/UK sellers): one row per keyset,
 * made when a signature is first needed and replaced before eBay's expiry. The private key is
 * ciphertext (the token key ring); the key columns are all set or all null (a row whose first
 * key is still being made). lease_id/lease_until: the replica making the key, so only one
 * asks eBay, with no lock held while eBay answers.
 */
export class SigningKeys1796200009000 implements MigrationInterface {
  name = 'SigningKeys1796200009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ebay_signing_keys" (
        "client_id" text NOT NULL,
        "signing_key_id" text,
        "cipher" text,
        "public_key" text,
        "private_key" text,
        "jwe" text,
        "key_created_at" timestamptz,
        "expires_at" timestamptz,
        "lease_id" uuid,
        "lease_until" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ebay_signing_keys" PRIMARY KEY ("client_id"),
        CONSTRAINT "ck_ebay_signing_keys_cipher" CHECK (cipher IN ('ED25519')),
        CONSTRAINT "ck_ebay_signing_keys_complete" CHECK (
          num_nulls(signing_key_id, cipher, public_key, private_key, jwe, key_created_at, expires_at) IN (0, 7))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ebay_signing_keys"`);
  }
}
