'use client';

import { useEffect, useRef, useState } from 'react';
import { isCancelled } from '@/lib/assistant/assistant-errors';

export type RunState<T> =
  { status: 'idle' } | { status: 'running' } | { status: 'done'; data: T } | { status: 'failed'; error: unknown };

/**
 * One model request at a time that the user can cancel: a new run or Cancel aborts the previous
 * request (the API then stops the model call), and leaving the page aborts it too.
 */
export function useCancellable<A extends unknown[], T>(task: (signal: AbortSignal, ...args: A) => Promise<T>) {
  const [state, setState] = useState<RunState<T>>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = async (...args: A): Promise<T | undefined> => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'running' });
    try {
      const data = await task(current.signal, ...args);
      if (!current.signal.aborted) setState({ status: 'done', data });
      return data;
    } catch (error) {
      if (!current.signal.aborted && !isCancelled(error)) setState({ status: 'failed', error });
      return undefined;
    }
  };
  const cancel = () => {
    controller.current?.abort();
    setState({ status: 'idle' });
  };
  return { state, run, cancel, setState };
}
