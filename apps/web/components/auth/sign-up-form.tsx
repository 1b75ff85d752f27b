'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, Input } from '@/components/ui';
import { hasErrorCode, splitFieldErrors } from '@/lib/api/api-error';
import { signUpSchema, type SignUpValues } from '@/lib/forms/schemas';
import { signUp } from '@/lib/session/session-client';
import styles from '@/app/(auth)/auth.module.css';
import { useSignedInRedirect } from './use-signed-in-redirect';

const FIELDS = ['name', 'email', 'organizationName', 'password'] as const;

export function SignUpForm() {
  const router = useRouter();
  useSignedInRedirect();
  const [errors, setErrors] = useState<string[]>([]);
  const { register, handleSubmit, formState, setError } = useForm<SignUpValues>({
    resolver: zodResolver(signUpSchema),
    defaultValues: { name: '', email: '', organizationName: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setErrors([]);
    try {
      await signUp(values);
      router.replace('/dashboard?welcome=1');
    } catch (err) {
      if (hasErrorCode(err, 'EMAIL_TAKEN')) {
        setError('email', { message: 'An account with this e-mail already exists. Sign in instead.' });
        return;
      }
      const split = splitFieldErrors(err, FIELDS);
      for (const field of FIELDS) if (split.fields[field]) setError(field, { message: split.fields[field] });
      setErrors(split.general);
    }
  });

  return (
    <>
      <h1 className={styles.title}>Create your organization</h1>
      <p className={styles.lead}>You become its admin, and can invite colleagues next.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
        <Field label="Your name" error={formState.errors.name?.message}>
          <Input autoComplete="name" {...register('name')} />
        </Field>
        <Field label="Work e-mail" error={formState.errors.email?.message}>
          <Input type="email" autoComplete="email" {...register('email')} />
        </Field>
        <Field
          label="Organization"
          hint="Your company or team, as colleagues know it."
          error={formState.errors.organizationName?.message}
        >
          <Input autoComplete="organization" {...register('organizationName')} />
        </Field>
        <Field
          label="Password"
          hint="At least 12 characters. A short sentence works well."
          error={formState.errors.password?.message}
        >
          <Input type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Button type="submit" variant="primary" block loading={formState.isSubmitting}>
          Create organization
        </Button>
      </form>
      <p className={styles.footer}>
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
