'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, Input } from '@/components/ui';
import { describeError, hasErrorCode } from '@/lib/api/api-error';
import { signInSchema, type SignInValues } from '@/lib/forms/schemas';
import { signIn } from '@/lib/session/session-client';
import styles from '@/app/(auth)/auth.module.css';
import { useSignedInRedirect } from './use-signed-in-redirect';

export function SignInForm() {
  const router = useRouter();
  const next = useSignedInRedirect();
  const params = useSearchParams();
  const expired = params.get('expired') === '1';
  const passwordReset = params.get('reset') === '1';
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    try {
      await signIn(values);
      router.replace(next);
    } catch (err) {
      setError(
        hasErrorCode(err, 'INVALID_CREDENTIALS')
          ? 'That e-mail and password do not match an account.'
          : describeError(err),
      );
    }
  });

  return (
    <>
      <h1 className={styles.title}>Sign in</h1>
      <p className={styles.lead}>Plan trips, follow approvals and see your itinerary on the map.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {error && <Alert tone="danger">{error}</Alert>}
        {passwordReset && !error && (
          <Alert tone="success" title="Your password was changed">
            Every device was signed out. Sign in with your new password.
          </Alert>
        )}
        {expired && !error && (
          <Alert tone="warning" title="Your session ended, sign in again">
            What you were typing is kept: it is back in its form once you are signed in.
          </Alert>
        )}
        <Field label="E-mail" error={formState.errors.email?.message}>
          <Input type="email" autoComplete="email" {...register('email')} />
        </Field>
        <Field label="Password" error={formState.errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...register('password')} />
        </Field>
        <Link href="/forgot-password" className={styles.aside}>
          Forgot password?
        </Link>
        <Button type="submit" variant="primary" block loading={formState.isSubmitting}>
          Sign in
        </Button>
      </form>
      <p className={styles.footer}>
        New to NestMap? <Link href="/sign-up">Create an organization</Link>
      </p>
    </>
  );
}
