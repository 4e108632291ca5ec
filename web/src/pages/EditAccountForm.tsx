import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import type { Account, AccountPurpose, AccountUpdate, MarketplaceId } from '../api/types';
import { MARKETPLACES, PURPOSE_LABELS, PURPOSES } from '../api/vocabulary';
import { ActionResult } from '../components/ActionResult';
import { useAction } from '../lib/use-action';

/** Rename the account, or change its purpose or marketplace (PATCH, only what changed). */
export function EditAccountForm({ account, onSaved }: { readonly account: Account; readonly onSaved: (account: Account) => void }) {
  const [houseName, setHouseName] = useState(account.houseName);
  const [purpose, setPurpose] = useState<AccountPurpose>(account.purpose);
  const [marketplaceId, setMarketplaceId] = useState<string>(account.marketplaceId ?? '');

  const changes: AccountUpdate = {
    ...(houseName.trim() !== account.houseName ? { houseName: houseName.trim() } : {}),
    ...(purpose !== account.purpose ? { purpose } : {}),
    ...(marketplaceId !== '' && marketplaceId !== account.marketplaceId ? { marketplaceId: marketplaceId as MarketplaceId } : {}),
  };
  const changed = Object.keys(changes).length > 0;

  const save = useAction(async (body: AccountUpdate) => {
    const saved = await call(api.PATCH('/api/ebay-accounts/{id}', { params: { path: { id: account.id } }, body }));
    onSaved(saved);
    setHouseName(saved.houseName);
    return 'Saved.';
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) save.run(changes);
  };

  return (
    <section className="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Name and use</h2>
      <form onSubmit={submit} className="grid-form">
        <div>
          <label htmlFor="edit-house-name">House name</label>
          <input
            id="edit-house-name"
            required
            maxLength={100}
            value={houseName}
            onChange={(event) => setHouseName(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="edit-purpose">Purpose</label>
          <select id="edit-purpose" value={purpose} onChange={(event) => setPurpose(event.target.value as AccountPurpose)}>
            {PURPOSES.map((each) => (
              <option key={each} value={each}>
                {PURPOSE_LABELS[each]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="edit-marketplace">Marketplace</label>
          <select id="edit-marketplace" value={marketplaceId} onChange={(event) => setMarketplaceId(event.target.value)}>
            {account.marketplaceId === null && <option value="">None</option>}
            {MARKETPLACES.map((each) => (
              <option key={each} value={each}>
                {each}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={!changed || save.busy}>
            {save.busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
      <ActionResult status={save.status} running="Saving…" />
    </section>
  );
}
