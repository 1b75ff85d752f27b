'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, Input } from '@/components/ui';
import { hasErrorCode, splitFieldErrors } from '@/lib/api/api-error';
import type { InvitationPreview } from '@/lib/api/invitation-link';
import { acceptInvitationSchema, type AcceptInvitationValues } from '@/lib/forms/schemas';
import { acceptInvitation } from '@/lib/session/session-client';
import styles from '@/app/(auth)/auth.module.css';

const FIELDS = ['name', 'password'] as const;

export interface AcceptInvitationFormProps {
  token: string;
  /** What the link is for, checked when the page opened. */
  invitation: InvitationPreview;
  /** "a manager": the invited role, as a phrase. */
  roleName: string;
  /** The link stopped working while the form was open: the page checks it again and says why. */
  onLinkDied(): void;
}

export function AcceptInvitationForm({ token, invitation, roleName, onLinkDied }: AcceptInvitationFormProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<string[]>([]);
  const [accountExists, setAccountExists] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<AcceptInvitationValues>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { name: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setErrors([]);
    setAccountExists(false);
    try {
      await acceptInvitation({ token, ...values });
      router.replace('/dashboard?welcome=1');
    } catch (err) {
      // The address already has an account (an invitation cannot make a second one): a new
      // invitation would not help, signing in or resetting that account's password does.
      if (hasErrorCode(err, 'EMAIL_TAKEN')) {
        setAccountExists(true);
        return;
      }
      if (hasErrorCode(err, 'INVITATION_INVALID', 'NOT_FOUND')) {
        onLinkDied();
        return;
      }
      const split = splitFieldErrors(err, FIELDS);
      for (const field of FIELDS) if (split.fields[field]) setError(field, { message: split.fields[field] });
      setErrors(split.general);
    }
  });

  return (
    <>
      <h1 className={styles.title}>Join {invitation.organizationName} on NestMap</h1>
      <p className={styles.lead}>
        This invitation is for <strong>{invitation.email}</strong> as {roleName}. Choose your name and a password to
        finish.
      </p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {/* The account's user name, for password managers; the address is fixed by the invitation. */}
        <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
        {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
        {accountExists && (
          <Alert tone="warning" title="This e-mail address already has a NestMap account">
            This invitation cannot create a second one. <Link href="/sign-in">Sign in</Link> with that account, or{' '}
            <Link href="/forgot-password">reset its password</Link> if you have forgotten it.
          </Alert>
        )}
        <Field label="Your name" error={formState.errors.name?.message}>
          <Input autoComplete="name" {...register('name')} />
        </Field>
        <Field
          label="Password"
          hint="At least 12 characters. A short sentence works well."
          error={formState.errors.password?.message}
        >
          <Input type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Button type="submit" variant="primary" block loading={formState.isSubmitting}>
          Accept invitation
        </Button>
      </form>
      <p className={styles.footer}>
        Already joined? <Link href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
