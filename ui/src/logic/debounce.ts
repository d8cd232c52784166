// Work worth doing once things stop changing: the session file after a burst
// of clicks, the Ready check after a burst of typing.

export interface Debounced {
  /** Runs the work `ms` after the last call; earlier calls are dropped. */
  (): void;
  /** Drops a pending run. */
  cancel(): void;
}

export function debounce(work: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const call = () => {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      work();
    }, ms);
  };
  return Object.assign(call, { cancel });
}
