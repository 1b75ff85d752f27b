'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Alert, Button, Field, Input } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { requestPasswordReset } from '@/lib/api/password-reset';
import { signInSchema } from '@/lib/forms/schemas';
import styles from '@/app/(auth)/auth.module.css';

const forgotPasswordSchema = z.object({ email: signInSchema.shape.email });
type ForgotPasswordValues = z.infer<typeof forgotPasswordSchema>;

export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset } = useForm<ForgotPasswordValues>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: '' },
  });

  const onSubmit = handleSubmit(async ({ email }) => {
    setError(null);
    try {
      await requestPasswordReset(email);
      setSentTo(email);
    } catch (err) {
      setError(describeError(err));
    }
  });

  if (sentTo) {
    return (
      <>
        <h1 className={styles.title}>Check your e-mail</h1>
        <div className={styles.form}>
          <Alert tone="success">
            If an account uses {sentTo}, a link to choose a new password is on its way. It works once, for 30 minutes.
          </Alert>
          <p className={styles.lead}>Nothing after a few minutes? Check your spam folder, or send the link again.</p>
          <Button
            block
            onClick={() => {
              reset({ email: sentTo });
              setSentTo(null);
            }}
          >
            Send it again
          </Button>
        </div>
        <p className={styles.footer}>
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className={styles.title}>Forgot your password?</h1>
      <p className={styles.lead}>
        Enter the e-mail address you sign in with and we will send you a link to choose a new one.
      </p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label="E-mail" error={formState.errors.email?.message}>
          <Input type="email" autoComplete="email" {...register('email')} />
        </Field>
        <Button type="submit" variant="primary" block loading={formState.isSubmitting}>
          Send reset link
        </Button>
      </form>
      <p className={styles.footer}>
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
