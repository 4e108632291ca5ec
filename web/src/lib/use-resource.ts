import { type DependencyList, useCallback, useEffect, useState } from 'react';
import { describeFailure } from '../api/client';

export type Resource<T> =
  | { readonly state: 'loading'; readonly data?: T }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'failed'; readonly error: string; readonly data?: T };

/**
 * Loads something for a page and says where that stands. A reload keeps the data shown until
 * the new answer is there; an answer for dependencies that have changed since is dropped.
 * `update` changes the data shown in place (a live change to one item of a list).
 */
export function useResource<T>(
  load: () => Promise<T>,
  dependencies: DependencyList,
): Resource<T> & {
  readonly reload: () => void;
  readonly replace: (data: T) => void;
  readonly update: (change: (data: T) => T) => void;
} {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setResource((previous) => ({ state: 'loading', data: previous.data }));
    void load().then(
      (data) => {
        if (current) setResource({ state: 'ready', data });
      },
      (error: unknown) => {
        if (current) setResource((previous) => ({ state: 'failed', error: describeFailure(error), data: previous.data }));
      },
    );
    return () => {
      current = false;
    };
    // The caller's dependencies decide when to load again, as with useEffect.
  }, [...dependencies, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: T) => setResource({ state: 'ready', data }), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setResource((previous) => (previous.data === undefined ? previous : { ...previous, data: change(previous.data) })),
    [],
  );
  return { ...resource, reload, replace, update };
}
