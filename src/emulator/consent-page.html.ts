import type { EbayUser } from './ebay-wire.types';
import { escapeHtml } from './html-escape';

export interface ConsentPageModel {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly users: readonly EbayUser[];
  /** The consent request's own parameters, sent back with the choice. */
  readonly carriedParams: ReadonlyArray<readonly [string, string]>;
  readonly selectedUsername?: string;
}

/**
 * The page a person sees: pick a test seller, Agree or Decline. A plain GET form back to
 * /oauth2/authorize, so it works with JavaScript off and in any browser; the choice arrives
 * as emulator_user and emulator_action, the parameters automated clients send directly.
 * Everything echoed from the request is escaped.
 */
export function renderConsentPage(model: ConsentPageModel): string {
  const hidden = model.carriedParams
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const users = model.users
    .map((user, index) => {
      const isChecked = model.selectedUsername === undefined ? index === 0 : user.username === model.selectedUsername;
      return `<label class="user"><input type="radio" name="emulator_user" value="${escapeHtml(user.username)}"${
        isChecked ? ' checked' : ''
      } required> <strong>${escapeHtml(user.username)}</strong> <span>${escapeHtml(user.accountType)} · ${escapeHtml(
        user.registrationMarketplaceId,
      )}</span></label>`;
    })
    .join('\n        ');
  const scopes = model.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('\n          ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>eBay emulator · Grant application access</title>
  <style>
    body { font-family: system-ui, sans-serif; background: #f7f7f7; color: #191919; margin: 0; }
    main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 12px; }
    h1 { font-size: 1.4rem; margin-top: 0; }
    .badge { display: inline-block; font-size: .75rem; background: #e5f0ff; color: #0654ba; }
    .badge { padding: .1rem .5rem; border-radius: 1rem; }
    fieldset { border: 1px solid #ddd; border-radius: 8px; margin: 1rem 0; }
    .user { display: block; padding: .35rem 0; }
    .user span { color: #707070; font-size: .85rem; }
    details { margin: 1rem 0; font-size: .85rem; }
    .actions { display: flex; gap: .75rem; }
    button { font-size: 1rem; padding: .6rem 1.6rem; border-radius: 2rem; border: 1px solid #3665f3; cursor: pointer; }
    button[value="approve"] { background: #3665f3; color: #fff; }
    button[value="decline"] { background: #fff; color: #3665f3; }
  </style>
</head>
<body>
  <main>
    <span class="badge">eBay emulator — not eBay</span>
    <h1>Grant application access</h1>
    <p>The application <strong>${escapeHtml(model.clientId)}</strong> would like to access your eBay
      account. Sign in as one of the emulator's test sellers, then agree or decline.</p>
    <form method="get" action="/oauth2/authorize">
      ${hidden}
      <fieldset>
        <legend>Test seller</legend>
        ${users}
      </fieldset>
      <details>
        <summary>Requested permissions (${model.scopes.length})</summary>
        <ul>
          ${scopes}
        </ul>
      </details>
      <div class="actions">
        <button type="submit" name="emulator_action" value="approve">Agree</button>
        <button type="submit" name="emulator_action" value="decline" formnovalidate>Decline</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
}
