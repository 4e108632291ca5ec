import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/**
 * A router of a few lines: the console has five pages, and the service answers index.html for
 * each of their paths (src/console-static.ts), so a reload or a shared link opens the same page.
 */
const NAVIGATED = 'console:navigated';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

/** The current path and query, e.g. `/connect/callback?status=connected&accountId=…`. */
export function useLocation(): { readonly pathname: string; readonly search: string } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { readonly to: string };

/** An ordinary link (opens in a new tab with a modifier key), followed in place otherwise. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}

/** `/accounts/<id>` → the id; undefined for any other path. */
export function accountIdOf(pathname: string): string | undefined {
  const match = /^\/accounts\/([^/]+)\/?$/.exec(pathname);
  return match === null ? undefined : decodeURIComponent(match[1]);
}
