'use client';

import { useEffect } from 'react';

export const UNSAVED_CHANGES_QUESTION = 'You have unsaved changes. Leave this page and lose them?';

/** A click that would make the browser or Next's Link leave this page for another one of ours or elsewhere. */
function leavingLink(event: MouseEvent): HTMLAnchorElement | null {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return null;
  }
  const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!link || (link.target && link.target !== '_self') || link.hasAttribute('download')) return null;
  const to = new URL(link.href, window.location.href);
  const here = window.location;
  const samePage = to.origin === here.origin && to.pathname === here.pathname && to.search === here.search;
  return samePage ? null : link;
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab (the browser's own
 * question), following a link inside the app (Next's client-side navigation has no hook for it,
 * so the click is intercepted before Link handles it), and the browser's Back button: a copy of
 * the current history entry is pushed, so Back lands on this same page; then the question is
 * asked, and either the real Back follows or the copy is pushed again. The copy stays in the
 * history after the edits are saved (one Back then stays on the page), as in other web apps.
 */
export function useUnsavedChangesGuard(dirty: boolean, confirm?: (question: string) => boolean) {
  useEffect(() => {
    if (!dirty) return;
    const ask = confirm ?? ((question: string) => window.confirm(question));
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (!leavingLink(event) || ask(UNSAVED_CHANGES_QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const holdHere = () => window.history.pushState(window.history.state, '', window.location.href);
    const onPopState = () => {
      if (!ask(UNSAVED_CHANGES_QUESTION)) return holdHere();
      window.removeEventListener('popstate', onPopState);
      window.history.back();
    };
    holdHere();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, confirm]);
}
