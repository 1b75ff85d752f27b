'use client';

import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Alert, Button, Field, FieldRow, Input, Select } from '@/components/ui';
import { splitFieldErrors } from '@/lib/api/api-error';
import type { PassengerProfile, PassengerProfileBody } from '@/lib/api/passenger-profile';
import styles from './passenger-profile-form.module.css';

interface FormValues {
  title: PassengerProfileBody['title'];
  givenName: string;
  familyName: string;
  bornOn: string;
  gender: PassengerProfileBody['gender'];
  email: string;
  phoneNumber: string;
  documentNumber: string;
  loyaltyAirline: string;
  loyaltyNumber: string;
}

const FIELDS = [
  'title',
  'givenName',
  'familyName',
  'bornOn',
  'gender',
  'email',
  'phoneNumber',
  'documentNumber',
  'loyaltyProgrammes',
] as const;

const TITLES: { value: PassengerProfileBody['title']; label: string }[] = [
  { value: 'mr', label: 'Mr' },
  { value: 'ms', label: 'Ms' },
  { value: 'mrs', label: 'Mrs' },
  { value: 'miss', label: 'Miss' },
  { value: 'dr', label: 'Dr' },
];

function toValues(profile: PassengerProfile | null, email: string): FormValues {
  const loyalty = profile?.loyaltyProgrammes[0];
  return {
    title: profile?.title ?? 'ms',
    givenName: profile?.givenName ?? '',
    familyName: profile?.familyName ?? '',
    bornOn: profile?.bornOn ?? '',
    gender: profile?.gender ?? 'f',
    email: profile?.email ?? email,
    phoneNumber: profile?.phoneNumber ?? '',
    documentNumber: profile?.documentNumber ?? '',
    loyaltyAirline: loyalty?.airlineIataCode ?? '',
    loyaltyNumber: loyalty?.accountNumber ?? '',
  };
}

/** Form values → the PUT body; the first loyalty account is edited here, the others are kept as they are. */
function toBody(values: FormValues, profile: PassengerProfile | null): PassengerProfileBody {
  const others = (profile?.loyaltyProgrammes ?? []).slice(1);
  const first =
    values.loyaltyAirline.trim() || values.loyaltyNumber.trim()
      ? [{ airlineIataCode: values.loyaltyAirline.trim(), accountNumber: values.loyaltyNumber.replace(/\s+/g, '') }]
      : [];
  return {
    title: values.title,
    givenName: values.givenName,
    familyName: values.familyName,
    bornOn: values.bornOn,
    gender: values.gender,
    email: values.email,
    phoneNumber: values.phoneNumber.replace(/[\s()-]/g, ''),
    loyaltyProgrammes: [...first, ...others],
    documentNumber: values.documentNumber.trim() || null,
  };
}

export interface PassengerProfileFormProps {
  /** The saved profile, or null before the first save. */
  profile: PassengerProfile | null;
  /** Suggested for a new profile (the account's e-mail). */
  defaultEmail: string;
  onSave(body: PassengerProfileBody): Promise<unknown>;
  emptyNotice: string;
  savedNotice: string;
}

/** A passenger profile's fields, labelled, with the API's refusals under the inputs they are about. */
export function PassengerProfileForm({
  profile,
  defaultEmail,
  onSave,
  emptyNotice,
  savedNotice,
}: PassengerProfileFormProps) {
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState, reset, setError } = useForm<FormValues>({
    defaultValues: toValues(profile, defaultEmail),
  });

  useEffect(() => {
    reset(toValues(profile, defaultEmail));
  }, [profile, defaultEmail, reset]);

  const submit = handleSubmit(async (values) => {
    setErrors([]);
    setSaved(false);
    try {
      await onSave(toBody(values, profile));
      setSaved(true);
    } catch (error) {
      const split = splitFieldErrors(error, FIELDS);
      for (const [field, message] of Object.entries(split.fields)) {
        const target = field === 'loyaltyProgrammes' ? 'loyaltyAirline' : (field as keyof FormValues);
        setError(target, { message: message as string });
      }
      setErrors(split.general);
    }
  });

  const error = (name: keyof FormValues) => formState.errors[name]?.message;

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Passenger profile">
      {profile === null && <Alert tone="info">{emptyNotice}</Alert>}
      {saved && <Alert tone="success">{savedNotice}</Alert>}
      {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
      <FieldRow>
        <Field label="Title" error={error('title')}>
          <Select {...register('title')}>
            {TITLES.map((title) => (
              <option key={title.value} value={title.value}>
                {title.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Gender (as in the passport)" error={error('gender')}>
          <Select {...register('gender')}>
            <option value="f">Female</option>
            <option value="m">Male</option>
          </Select>
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label="Given names" hint="All given names, as printed" error={error('givenName')}>
          <Input
            autoComplete="given-name"
            required
            {...register('givenName', { required: 'Enter your given names' })}
          />
        </Field>
        <Field label="Family name" error={error('familyName')}>
          <Input
            autoComplete="family-name"
            required
            {...register('familyName', { required: 'Enter your family name' })}
          />
        </Field>
      </FieldRow>
      <Field label="Date of birth" hint="Stored encrypted" error={error('bornOn')}>
        <Input
          type="date"
          autoComplete="bday"
          required
          {...register('bornOn', { required: 'Enter your date of birth' })}
        />
      </Field>
      <FieldRow>
        <Field label="E-mail for travel notices" error={error('email')}>
          <Input
            type="email"
            autoComplete="email"
            required
            {...register('email', { required: 'Enter an e-mail address' })}
          />
        </Field>
        <Field label="Mobile phone" hint="With the country code, e.g. +44 20 7123 4567" error={error('phoneNumber')}>
          <Input
            type="tel"
            autoComplete="tel"
            required
            {...register('phoneNumber', { required: 'Enter a phone number' })}
          />
        </Field>
      </FieldRow>
      <Field label="Passport number" optional hint="Stored encrypted" error={error('documentNumber')}>
        <Input autoComplete="off" autoCapitalize="characters" {...register('documentNumber')} />
      </Field>
      <FieldRow>
        <Field
          label="Frequent flyer airline"
          optional
          hint="Two-letter airline code, e.g. BA"
          error={error('loyaltyAirline')}
        >
          <Input maxLength={2} autoCapitalize="characters" {...register('loyaltyAirline')} />
        </Field>
        <Field label="Frequent flyer number" optional error={error('loyaltyNumber')}>
          <Input autoComplete="off" {...register('loyaltyNumber')} />
        </Field>
      </FieldRow>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
