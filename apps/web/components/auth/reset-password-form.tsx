'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert, Button, Field, Input } from '@/components/ui';
import { hasErrorCode, splitFieldErrors } from '@/lib/api/api-error';
import { resetPassword } from '@/lib/api/password-reset';
import { acceptInvitationSchema } from '@/lib/forms/schemas';
import { signOut } from '@/lib/session/session-client';
import styles from '@/app/(auth)/auth.module.css';

const resetPasswordSchema = z.object({ password: acceptInvitationSchema.shape.password });
type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;
const FIELDS = ['password'] as const;

/** The reset link carries its token in the fragment (`#token=…`), which no server and no Referer sees. */
function useTokenFromLink(): string | null | undefined {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (found) {
      // The fragment exists only in the browser, after mount; read once, so no render loop.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setToken(found);
      // Out of the address bar and the history at once: nothing shows or sends it later.
      window.history.replaceState(window.history.state, '', window.location.pathname);
    } else {
      // A second run (React's strict mode) finds the address already cleaned: keep what was read.
      setToken((current) => current ?? null);
    }
  }, []);
  return token;
}

const isDeadLink = (err: unknown) => hasErrorCode(err, 'RESET_LINK_INVALID');

function DeadLink({ reason }: { reason: string }) {
  return (
    <>
      <h1 className={styles.title}>Choose a new password</h1>
      <Alert tone="danger" title={reason}>
        <Link href="/forgot-password">Request a new link</Link>: it works once, for 30 minutes.
      </Alert>
      <p className={styles.footer}>
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}

export function ResetPasswordForm() {
  const router = useRouter();
  const token = useTokenFromLink();
  const [dead, setDead] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const { register, handleSubmit, formState, setError } = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: '' },
  });

  const onSubmit = handleSubmit(async ({ password }) => {
    if (!token) return;
    setErrors([]);
    try {
      await resetPassword(token, password);
      // Every session just ended, this tab's too (if it had one): forget it here as well.
      await signOut().catch(() => undefined);
      router.replace('/sign-in?reset=1');
    } catch (err) {
      if (isDeadLink(err)) {
        setDead(true);
        return;
      }
      const split = splitFieldErrors(err, FIELDS);
      if (split.fields.password) setError('password', { message: split.fields.password });
      setErrors(split.general);
    }
  });

  if (token === undefined) return null;
  if (token === null) return <DeadLink reason="This page needs the link from your reset e-mail." />;
  if (dead) return <DeadLink reason="This reset link is invalid, already used or expired." />;

  return (
    <>
      <h1 className={styles.title}>Choose a new password</h1>
      <p className={styles.lead}>Once it is changed, every device signed in to your account is signed out.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
        <Field
          label="New password"
          hint="At least 12 characters. A short sentence works well."
          error={formState.errors.password?.message}
        >
          <Input type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Button type="submit" variant="primary" block loading={formState.isSubmitting}>
          Set new password
        </Button>
      </form>
    </>
  );
}
