'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSessionDraft } from '@/components/session/use-session-draft';
import { PlaceAutocomplete } from '@/components/trips/place-autocomplete';
import { Alert, Button, Field, Input, Select, Textarea } from '@/components/ui';
import { splitFieldErrors } from '@/lib/api/api-error';
import type { ActivityBody } from '@/lib/api/contract';
import { ACTIVITY_TYPES, activitySchema, type ActivityFormValues } from '@/lib/forms/schemas';
import {
  ACTIVITY_TYPE_LABELS,
  activityToFormValues,
  formValuesToActivityBody,
} from '@/lib/itinerary/activity-form-values';
import type { Activity } from '@/lib/itinerary/itinerary-days';
import { zoneCity } from '@/lib/time/zoned-time';
import styles from './activity-form.module.css';

type FormField = keyof ActivityFormValues;
/** The API names fields as its body does; the form splits some of them. */
const API_FIELDS: Record<string, FormField> = {
  title: 'title',
  type: 'type',
  startsAt: 'startTime',
  endsAt: 'endTime',
  timezone: 'timezone',
  locationName: 'locationName',
  latitude: 'latitude',
  longitude: 'longitude',
  notes: 'notes',
  cost: 'costAmount',
  'cost.amount': 'costAmount',
  'cost.currency': 'costCurrency',
  bookingReference: 'bookingReference',
};

let zoneNames: string[] | null = null;
function timeZones(): string[] {
  zoneNames ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zoneNames;
}

export interface ActivityFormProps {
  activity: Activity | null;
  defaults: { date: string; timezone: string; currency: string };
  trip: { startDate: string; endDate: string };
  onSubmit(body: ActivityBody): Promise<unknown>;
  onCancel(): void;
  /** Asks the map for a point; the answer arrives as `pickedPoint`. */
  onPickOnMap(): void;
  picking: boolean;
  pickedPoint: { latitude: number; longitude: number } | null;
  /** Names the form's content kept across a session that ends while typing. */
  draftKey?: string;
}

export function ActivityForm({
  activity,
  defaults,
  trip,
  onSubmit,
  onCancel,
  onPickOnMap,
  picking,
  pickedPoint,
  draftKey,
}: ActivityFormProps) {
  const headingId = useId();
  const zonesId = useId();
  const [errors, setErrors] = useState<string[]>([]);
  const form = useForm<ActivityFormValues>({
    resolver: zodResolver(activitySchema),
    defaultValues: activityToFormValues(activity, defaults),
  });
  const { register, handleSubmit, formState, setValue, watch, setError } = form;
  const restored = useSessionDraft(draftKey, form);
  const locationName = watch('locationName');
  const timezone = watch('timezone');
  const startDate = watch('startDate');

  useEffect(() => {
    if (!pickedPoint) return;
    setValue('latitude', String(pickedPoint.latitude), { shouldDirty: true, shouldValidate: true });
    setValue('longitude', String(pickedPoint.longitude), { shouldDirty: true, shouldValidate: true });
  }, [pickedPoint, setValue]);

  const submit = handleSubmit(async (values) => {
    setErrors([]);
    try {
      await onSubmit(formValuesToActivityBody(values));
    } catch (error) {
      const split = splitFieldErrors(error, Object.keys(API_FIELDS));
      for (const [field, message] of Object.entries(split.fields))
        setError(API_FIELDS[field], { message: message as string });
      setErrors(split.general);
    }
  });

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 className={styles.heading} id={headingId}>
        {activity ? `Edit “${activity.title}”` : 'New activity'}
      </h3>
      {restored && <Alert tone="info">Restored what you typed before your session ended. Check it, then save.</Alert>}
      {errors.length > 0 && (
        <Alert tone="danger" title="The activity was not saved">
          {errors.join(' ')}
        </Alert>
      )}
      <div className={styles.grid2}>
        <Field label="Title" error={formState.errors.title?.message}>
          <Input autoFocus placeholder="Customer workshop" {...register('title')} />
        </Field>
        <Field label="Type" error={formState.errors.type?.message}>
          <Select {...register('type')}>
            {ACTIVITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {ACTIVITY_TYPE_LABELS[type]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.times}>
        <Field label="Day" error={formState.errors.startDate?.message}>
          <Input
            type="date"
            min={trip.startDate}
            max={trip.endDate}
            {...register('startDate', { onChange: (event) => setValue('endDate', event.target.value) })}
          />
        </Field>
        <Field label="Starts" error={formState.errors.startTime?.message}>
          <Input type="time" {...register('startTime')} />
        </Field>
        <Field label="Ends on" optional>
          <Input type="date" min={startDate} max={trip.endDate} {...register('endDate')} />
        </Field>
        <Field label="Ends" optional error={formState.errors.endTime?.message}>
          <Input type="time" {...register('endTime')} />
        </Field>
      </div>
      <p className={styles.zoneNote}>
        Times are local to {timezone ? zoneCity(timezone) : 'the destination'} ({timezone || 'no zone'}).
      </p>
      <Field
        label="Place"
        optional
        error={formState.errors.locationName?.message}
        hint="A name people recognise; pick a city suggestion or set the exact point below."
      >
        <PlaceAutocomplete
          value={locationName}
          placeholder="Venue, address or city"
          onTextChange={(text) => setValue('locationName', text, { shouldDirty: true })}
          onSelect={(place) => {
            setValue('locationName', place.name, { shouldDirty: true });
            setValue('latitude', String(place.latitude), { shouldValidate: true });
            setValue('longitude', String(place.longitude), { shouldValidate: true });
          }}
        />
      </Field>
      <div className={styles.coords}>
        <Field label="Latitude" optional error={formState.errors.latitude?.message}>
          <Input inputMode="decimal" placeholder="52.5163" {...register('latitude')} />
        </Field>
        <Field label="Longitude" optional error={formState.errors.longitude?.message}>
          <Input inputMode="decimal" placeholder="13.3777" {...register('longitude')} />
        </Field>
        <Button onClick={onPickOnMap} aria-pressed={picking}>
          {picking ? 'Click the map…' : 'Pick on the map'}
        </Button>
      </div>
      <details
        className={styles.more}
        open={Boolean(activity?.notes || activity?.cost || activity?.bookingReference) || undefined}
      >
        <summary>Cost, booking reference, notes, time zone</summary>
        <div className={styles.moreBody}>
          <div className={styles.money}>
            <Field label="Cost" optional error={formState.errors.costAmount?.message}>
              <Input inputMode="decimal" placeholder="120" {...register('costAmount')} />
            </Field>
            <Field label="Currency" error={formState.errors.costCurrency?.message}>
              <Input maxLength={3} {...register('costCurrency')} />
            </Field>
            <Field label="Booking reference" optional error={formState.errors.bookingReference?.message}>
              <Input placeholder="LH2Q8X" {...register('bookingReference')} />
            </Field>
          </div>
          <Field
            label="Time zone"
            error={formState.errors.timezone?.message}
            hint="Change it for something in another zone, such as a flight’s departure."
          >
            <Input list={zonesId} {...register('timezone')} />
          </Field>
          <datalist id={zonesId}>
            {timeZones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <Field label="Notes" optional error={formState.errors.notes?.message}>
            <Textarea rows={3} {...register('notes')} />
          </Field>
        </div>
      </details>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" loading={formState.isSubmitting}>
          {activity ? 'Save activity' : 'Add activity'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
