'use client';

import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { saveDraft, takeDraft } from '@/lib/forms/session-drafts';
import { onSessionChange } from '@/lib/session/session-client';
import { useSession } from './session-provider';

/**
 * Keeps a form's content when the session ends under it (saved the moment the session is found
 * over, before the page leaves for sign-in) and puts it back when the same person returns to the
 * same form. Returns true when the form holds restored text, so the page can say so.
 */
export function useSessionDraft<T extends FieldValues>(key: string | undefined, form: UseFormReturn<T>): boolean {
  const session = useSession();
  const userId = session.status === 'signed-in' ? session.user.id : null;
  const { getValues, reset } = form;
  const [restored, setRestored] = useState(false);
  const took = useRef(false);
  // Read while rendering: react-hook-form only tracks isDirty for forms that read it.
  const isDirty = form.formState.isDirty;
  const dirty = useRef(false);
  useEffect(() => {
    dirty.current = isDirty;
  }, [isDirty]);

  useEffect(() => {
    if (!key || !userId) return;
    return onSessionChange((session, reason) => {
      if (!session && reason === 'expired' && dirty.current) saveDraft(userId, key, getValues());
    });
  }, [key, userId, getValues]);

  useEffect(() => {
    if (!key || !userId || took.current) return;
    took.current = true;
    const draft = takeDraft<T>(userId, key);
    if (draft) {
      reset(draft, { keepDefaultValues: true });
      // sessionStorage is read after mount (the server has none) and only once: no render loop.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRestored(true);
    }
  }, [key, userId, reset]);

  return restored;
}
