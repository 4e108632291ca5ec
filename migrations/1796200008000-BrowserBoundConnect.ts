import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A connect started from a browser (the admin console) is bound to that browser: the state
 * keeps the SHA-256 of a secret only the browser's HttpOnly cookie holds, and the callback
 * refuses the state without it (OAuth 2.0 Security BCP, RFC 9700). States of API clients
 * have none and work as before.
 */
export class BrowserBoundConnect1796200008000 implements MigrationInterface {
  name = 'BrowserBoundConnect1796200008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "oauth_states" ADD "browser_binding_hash" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "oauth_states" DROP COLUMN "browser_binding_hash"`);
  }
}
