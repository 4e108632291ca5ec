import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

/** A message in words; errors and warnings are announced at once, the rest politely. */
export function Notice({ tone, children }: { readonly tone: Tone; readonly children: ReactNode }) {
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <div className={`notice notice-${tone}`} role={urgent ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}
