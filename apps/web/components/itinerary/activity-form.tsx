'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useSessionDraft } from '@/components/session/use-session-draft';
import { PlaceAutocomplete } from '@/components/trips/place-autocomplete';
import { Alert, Button, Field, Input, Select, Textarea } from '@/components/ui';
import { hasErrorCode, isStaleVersion, splitFieldErrors } from '@/lib/api/api-error';
import type { ActivityBody } from '@/lib/api/contract';
import { ACTIVITY_TYPES, activitySchema, type ActivityFormValues } from '@/lib/forms/schemas';
import { activityToFormValues, formValuesToActivityBody } from '@/lib/itinerary/activity-form-values';
import { ACTIVITY_TYPE_LABELS } from '@/lib/itinerary/activity-types';
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
  endTimezone: 'endTimezone',
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
  /** `version`: what an edit started from (null for a new activity); a stale one is refused. */
  onSubmit(body: ActivityBody, version: number | null): Promise<unknown>;
  /** The activity as saved now, or null when it was deleted elsewhere (edits only). */
  onLoadLatest?(): Promise<Activity | null>;
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
  onLoadLatest,
  onCancel,
  onPickOnMap,
  picking,
  pickedPoint,
  draftKey,
}: ActivityFormProps) {
  const headingId = useId();
  const zonesId = useId();
  const [errors, setErrors] = useState<string[]>([]);
  /** Pinned when the form opens: a background refetch must not turn a stale edit into an overwrite. */
  const baseVersion = useRef(activity?.version ?? null);
  const [stale, setStale] = useState<{ latest: Activity; body: ActivityBody } | null>(null);
  const [gone, setGone] = useState(false);
  const form = useForm<ActivityFormValues>({
    resolver: zodResolver(activitySchema),
    defaultValues: activityToFormValues(activity, defaults),
  });
  const { register, handleSubmit, formState, setValue, control, setError, reset } = form;
  const restored = useSessionDraft(draftKey, form);

  // On opening an edit, check it still exists (and is current) before anyone types into it.
  useEffect(() => {
    if (!onLoadLatest) return;
    let live = true;
    void onLoadLatest()
      .then((latest) => {
        if (!live) return;
        if (!latest) setGone(true);
        else if (latest.version !== baseVersion.current && !form.formState.isDirty) {
          baseVersion.current = latest.version;
          reset(activityToFormValues(latest, defaults));
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // Once per opened form: later refetches must not move the base version.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately on mount only (see above)
  }, []);
  const [locationName, timezone, endTimezone, startDate] = useWatch({
    control,
    name: ['locationName', 'timezone', 'endTimezone', 'startDate'],
  });

  useEffect(() => {
    if (!pickedPoint) return;
    setValue('latitude', String(pickedPoint.latitude), { shouldDirty: true, shouldValidate: true });
    setValue('longitude', String(pickedPoint.longitude), { shouldDirty: true, shouldValidate: true });
  }, [pickedPoint, setValue]);

  const save = async (body: ActivityBody, version: number | null) => {
    setErrors([]);
    setStale(null);
    try {
      await onSubmit(body, version);
    } catch (error) {
      const missing = activity && hasErrorCode(error, 'NOT_FOUND');
      if (missing || (isStaleVersion(error) && onLoadLatest)) {
        const latest = missing ? null : await onLoadLatest!().catch(() => null);
        if (latest) setStale({ latest, body });
        else setGone(true);
        return;
      }
      const split = splitFieldErrors(error, Object.keys(API_FIELDS));
      for (const [field, message] of Object.entries(split.fields))
        setError(API_FIELDS[field], { message: message as string });
      setErrors(split.general);
    }
  };
  // The base version is read when the form is sent, not while rendering.
  const submit = (event: FormEvent<HTMLFormElement>) =>
    handleSubmit((values) => save(formValuesToActivityBody(values), baseVersion.current))(event);

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
      {gone && (
        <Alert
          tone="danger"
          title="This activity was deleted elsewhere"
          actions={
            <Button size="sm" onClick={onCancel}>
              Close
            </Button>
          }
        >
          It is no longer in the itinerary (deleted in another tab or by someone else), so it cannot be saved.
        </Alert>
      )}
      {stale && (
        <Alert
          tone="warning"
          title="Someone else changed this activity while you were editing"
          actions={
            <>
              <Button
                size="sm"
                onClick={() => {
                  baseVersion.current = stale.latest.version;
                  reset(activityToFormValues(stale.latest, defaults));
                  setStale(null);
                }}
              >
                Discard my changes and load theirs
              </Button>
              <Button
                size="sm"
                variant="primary"
                loading={formState.isSubmitting}
                onClick={() => void save(stale.body, stale.latest.version)}
              >
                Save mine over theirs
              </Button>
            </>
          }
        >
          Your changes were <strong>not saved</strong>: the activity changed since you opened it
          {stale.latest.title !== stale.body.title ? ` (its title is now “${stale.latest.title}”)` : ''}. Load their
          version and apply your changes again, or save yours over theirs.
        </Alert>
      )}
      <fieldset className={styles.fields} disabled={gone}>
        <div className={styles.grid2}>
          <Field label="Title" error={formState.errors.title?.message}>
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the form opens on the user's own click: focus follows into it */}
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
          Times are local to {timezone ? zoneCity(timezone) : 'the destination'} ({timezone || 'no zone'})
          {endTimezone && endTimezone !== timezone
            ? `; it ends in ${zoneCity(endTimezone)} time (${endTimezone}).`
            : '.'}
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
          open={
            Boolean(activity?.notes || activity?.cost || activity?.bookingReference || activity?.endTimezone) ||
            undefined
          }
        >
          <summary>Cost, booking reference, notes, time zones</summary>
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
            <Field
              label="Ends in time zone"
              optional
              error={formState.errors.endTimezone?.message}
              hint="For a flight or an overnight train: the end time is then local to this zone."
            >
              <Input list={zonesId} placeholder="America/New_York" {...register('endTimezone')} />
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
      </fieldset>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" loading={formState.isSubmitting} disabled={gone}>
          {activity ? 'Save activity' : 'Add activity'}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
