'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import type { Schemas } from '@nestmap/api-client';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Alert, Button, Field, FieldRow, Input, Textarea } from '@/components/ui';
import { splitFieldErrors } from '@/lib/api/api-error';
import { tripSchema, type TripFormValues } from '@/lib/forms/schemas';
import { zoneCity } from '@/lib/time/zoned-time';
import { useSessionDraft } from '@/components/session/use-session-draft';
import { PlaceAutocomplete } from './place-autocomplete';
import styles from './trip-form.module.css';

type Trip = Schemas['TripResponse'];
export type TripBody = Schemas['CreateTripDto'];

const FIELDS = [
  'title',
  'destination',
  'startDate',
  'endDate',
  'purpose',
  'costCentre',
  'budgetAmount',
  'budgetCurrency',
] as const;
const API_FIELD_ALIASES: Record<string, (typeof FIELDS)[number]> = {
  budget: 'budgetAmount',
  'budget.amount': 'budgetAmount',
  'budget.currency': 'budgetCurrency',
};

export function tripToFormValues(trip: Trip | undefined, defaultCurrency = 'EUR'): TripFormValues {
  return {
    title: trip?.title ?? '',
    destination: trip?.destination ?? '',
    destinationCountry: trip?.destinationCountry ?? '',
    latitude: trip?.latitude ?? null,
    longitude: trip?.longitude ?? null,
    timezone: trip?.timezone ?? '',
    startDate: trip?.startDate ?? '',
    endDate: trip?.endDate ?? '',
    purpose: trip?.purpose ?? '',
    costCentre: trip?.costCentre ?? '',
    budgetAmount: trip?.budget?.amount ?? '',
    budgetCurrency: trip?.budget?.currency ?? defaultCurrency,
  };
}

/** Form values → the API's body; empty optional fields are left out rather than sent blank. */
export function formValuesToTripBody(values: TripFormValues): TripBody {
  const parsed = tripSchema.parse(values);
  return {
    title: parsed.title,
    destination: parsed.destination,
    startDate: parsed.startDate,
    endDate: parsed.endDate,
    ...(parsed.destinationCountry ? { destinationCountry: parsed.destinationCountry } : {}),
    ...(parsed.timezone ? { timezone: parsed.timezone } : {}),
    ...(parsed.latitude !== null && parsed.longitude !== null
      ? { latitude: parsed.latitude, longitude: parsed.longitude }
      : {}),
    ...(parsed.purpose ? { purpose: parsed.purpose } : {}),
    ...(parsed.costCentre ? { costCentre: parsed.costCentre } : {}),
    ...(parsed.budgetAmount ? { budget: { amount: parsed.budgetAmount, currency: parsed.budgetCurrency } } : {}),
  };
}

export interface TripFormProps {
  initial?: Trip;
  defaultCurrency?: string;
  submitLabel: string;
  onSubmit(body: TripBody): Promise<unknown>;
  onCancel?(): void;
  /** Shown above the fields (e.g. the stale-version explanation). */
  notice?: ReactNode;
  /** Replace the form's values (after loading someone else's newer version). */
  resetTo?: Trip;
  /** Names the form's content kept across a session that ends while typing. */
  draftKey?: string;
}

export function TripForm({
  initial,
  defaultCurrency,
  submitLabel,
  onSubmit,
  onCancel,
  notice,
  resetTo,
  draftKey,
}: TripFormProps) {
  const [errors, setErrors] = useState<string[]>([]);
  const form = useForm<TripFormValues>({
    resolver: zodResolver(tripSchema),
    defaultValues: tripToFormValues(initial, defaultCurrency),
  });
  const { register, handleSubmit, formState, setValue, control, setError, reset } = form;
  const restored = useSessionDraft(draftKey, form);
  const [destination, latitude, timezone, country] = useWatch({
    control,
    name: ['destination', 'latitude', 'timezone', 'destinationCountry'],
  });

  useEffect(() => {
    if (resetTo) reset(tripToFormValues(resetTo, defaultCurrency));
  }, [resetTo, reset, defaultCurrency]);

  const submit = handleSubmit(async (values) => {
    setErrors([]);
    try {
      await onSubmit(formValuesToTripBody(values));
    } catch (error) {
      const split = splitFieldErrors(error, [...FIELDS, ...Object.keys(API_FIELD_ALIASES)] as string[]);
      for (const [field, message] of Object.entries(split.fields)) {
        const target = (API_FIELD_ALIASES[field] ?? field) as (typeof FIELDS)[number];
        setError(target, { message: message as string });
      }
      setErrors(split.general);
    }
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label="Trip details">
      {notice}
      {restored && <Alert tone="info">Restored what you typed before your session ended. Check it, then save.</Alert>}
      {errors.length > 0 && <Alert tone="danger">{errors.join(' ')}</Alert>}
      <Field label="Title" error={formState.errors.title?.message}>
        <Input placeholder="Sales kick-off Berlin" {...register('title')} />
      </Field>
      <Field
        label="Destination"
        error={formState.errors.destination?.message}
        hint={
          latitude !== null ? (
            <span className={styles.placeNote}>
              <strong>✓ On the map</strong> ·{' '}
              {[country, timezone && `local time: ${zoneCity(timezone)}`].filter(Boolean).join(' · ')}
            </span>
          ) : destination ? (
            'Pick a suggestion to place the trip on the map and use its local time.'
          ) : (
            'A city, airport or place; suggestions appear as you type.'
          )
        }
      >
        <PlaceAutocomplete
          name="destination"
          value={destination}
          onTextChange={(text) => {
            setValue('destination', text, { shouldDirty: true });
            setValue('latitude', null);
            setValue('longitude', null);
            setValue('destinationCountry', '');
            setValue('timezone', '');
          }}
          onSelect={(place) => {
            setValue('destination', place.name, { shouldDirty: true, shouldValidate: true });
            setValue('destinationCountry', place.country);
            setValue('latitude', place.latitude);
            setValue('longitude', place.longitude);
            setValue('timezone', place.timezone);
          }}
        />
      </Field>
      <FieldRow>
        <Field label="First day" error={formState.errors.startDate?.message}>
          <Input type="date" {...register('startDate')} />
        </Field>
        <Field label="Last day" error={formState.errors.endDate?.message}>
          <Input type="date" {...register('endDate')} />
        </Field>
      </FieldRow>
      <Field label="Purpose" optional error={formState.errors.purpose?.message}>
        <Textarea rows={3} placeholder="What the trip is for; approvers read this." {...register('purpose')} />
      </Field>
      <Field
        label="Cost centre"
        optional
        hint="Who pays: spend reports and budgets group trips by it."
        error={formState.errors.costCentre?.message}
      >
        <Input maxLength={60} placeholder="e.g. ENG-Berlin" {...register('costCentre')} />
      </Field>
      <div className={styles.budget}>
        <Field label="Budget" optional error={formState.errors.budgetAmount?.message}>
          <Input inputMode="decimal" placeholder="2500" {...register('budgetAmount')} />
        </Field>
        <Field label="Currency" error={formState.errors.budgetCurrency?.message}>
          <Input maxLength={3} autoCapitalize="characters" {...register('budgetCurrency')} />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
