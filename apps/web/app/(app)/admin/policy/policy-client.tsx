'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useUnsavedChangesGuard } from '@/components/admin/use-unsaved-changes-guard';
import { useRole } from '@/components/session/session-provider';
import { Alert, Button, Card, Checkbox, Field, FieldRow, Input, LoadError, Loading, PageHeader } from '@/components/ui';
import { describeError, splitFieldErrors } from '@/lib/api/api-error';
import { usePolicy, useSavePolicy, type Policy } from '@/lib/api/organization';
import { CABIN_CLASSES, policySchema, type PolicyFormValues } from '@/lib/forms/schemas';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

const CABIN_LABELS: Record<(typeof CABIN_CLASSES)[number], string> = {
  economy: 'Economy',
  premium_economy: 'Premium economy',
  business: 'Business',
  first: 'First',
};
const FIELDS = [
  'allowedCabinClasses',
  'currency',
  'maxFlightFare',
  'maxHotelNightlyRate',
  'minAdvanceBookingDays',
  'tripBudgetCeiling',
  'outOfPolicyRequiresApproval',
] as const;

function toForm(policy: Policy): PolicyFormValues {
  return {
    allowedCabinClasses: policy.allowedCabinClasses,
    currency: policy.currency,
    maxFlightFare: policy.maxFlightFare ?? '',
    maxHotelNightlyRate: policy.maxHotelNightlyRate ?? '',
    minAdvanceBookingDays: String(policy.minAdvanceBookingDays),
    tripBudgetCeiling: policy.tripBudgetCeiling ?? '',
    outOfPolicyRequiresApproval: policy.outOfPolicyRequiresApproval,
  };
}

function PolicyForm({ policy, readOnly }: { policy: Policy; readOnly: boolean }) {
  const save = useSavePolicy();
  const [result, setResult] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const { register, handleSubmit, formState, control, reset, setError } = useForm<PolicyFormValues>({
    resolver: zodResolver(policySchema),
    defaultValues: toForm(policy),
  });
  useUnsavedChangesGuard(formState.isDirty && !readOnly);

  const submit = handleSubmit(async (values) => {
    setResult(null);
    const parsed = policySchema.parse(values);
    try {
      const saved = await save.mutateAsync({
        allowedCabinClasses: parsed.allowedCabinClasses,
        currency: parsed.currency,
        maxFlightFare: parsed.maxFlightFare || null,
        maxHotelNightlyRate: parsed.maxHotelNightlyRate || null,
        minAdvanceBookingDays: Number(parsed.minAdvanceBookingDays),
        tripBudgetCeiling: parsed.tripBudgetCeiling || null,
        outOfPolicyRequiresApproval: parsed.outOfPolicyRequiresApproval,
      });
      reset(toForm(saved));
      setResult({ tone: 'success', text: 'Policy saved. It applies to new bookings and approvals from now on.' });
    } catch (error) {
      const split = splitFieldErrors(error, FIELDS);
      for (const field of FIELDS) if (split.fields[field]) setError(field, { message: split.fields[field] });
      setResult({ tone: 'danger', text: split.general.join(' ') || describeError(error) });
    }
  });

  return (
    <form className={styles.policyForm} onSubmit={submit} noValidate aria-label="Travel policy">
      {result && <Alert tone={result.tone}>{result.text}</Alert>}
      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Flights</legend>
        <Controller
          control={control}
          name="allowedCabinClasses"
          render={({ field }) => (
            <div role="group" aria-label="Allowed cabin classes">
              <div className={styles.checkboxes}>
                {CABIN_CLASSES.map((cabin) => (
                  <Checkbox
                    key={cabin}
                    label={CABIN_LABELS[cabin]}
                    checked={field.value.includes(cabin)}
                    onChange={(event) =>
                      field.onChange(
                        event.target.checked
                          ? CABIN_CLASSES.filter((c) => c === cabin || field.value.includes(c))
                          : field.value.filter((c) => c !== cabin),
                      )
                    }
                  />
                ))}
              </div>
              {formState.errors.allowedCabinClasses && (
                <p className={styles.bad} role="alert">
                  {formState.errors.allowedCabinClasses.message}
                </p>
              )}
            </div>
          )}
        />
        <FieldRow>
          <Field
            label="Max fare per flight"
            optional
            hint="Empty: no limit."
            error={formState.errors.maxFlightFare?.message}
          >
            <Input inputMode="decimal" {...register('maxFlightFare')} />
          </Field>
          <Field
            label="Minimum advance booking"
            hint="Days between booking and departure."
            error={formState.errors.minAdvanceBookingDays?.message}
          >
            <Input inputMode="numeric" {...register('minAdvanceBookingDays')} />
          </Field>
        </FieldRow>
      </fieldset>
      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Stays and budget</legend>
        <FieldRow>
          <Field
            label="Max hotel rate per night"
            optional
            hint="Empty: no limit."
            error={formState.errors.maxHotelNightlyRate?.message}
          >
            <Input inputMode="decimal" {...register('maxHotelNightlyRate')} />
          </Field>
          <Field
            label="Budget ceiling per trip"
            optional
            hint="Empty: no ceiling."
            error={formState.errors.tripBudgetCeiling?.message}
          >
            <Input inputMode="decimal" {...register('tripBudgetCeiling')} />
          </Field>
          <Field label="Currency" hint="Of every amount above." error={formState.errors.currency?.message}>
            <Input maxLength={3} {...register('currency')} />
          </Field>
        </FieldRow>
      </fieldset>
      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Approval</legend>
        <Checkbox
          label="Out-of-policy flights and stays wait for an approver before they are booked"
          {...register('outOfPolicyRequiresApproval')}
        />
      </fieldset>
      {!readOnly && (
        <div>
          <Button type="submit" variant="primary" loading={formState.isSubmitting} disabled={!formState.isDirty}>
            Save policy
          </Button>
          {formState.isDirty && (
            <>
              {' '}
              <Button variant="ghost" onClick={() => reset(toForm(policy))}>
                Discard changes
              </Button>
              <span className={styles.unsaved} role="status">
                Unsaved changes
              </span>
            </>
          )}
        </div>
      )}
    </form>
  );
}

export function PolicyClient() {
  const { isAdmin } = useRole();
  const policy = usePolicy();
  return (
    <>
      <PageHeader
        title="Travel policy"
        description={
          isAdmin
            ? 'The rules trips and bookings are checked against. Approvers see each check.'
            : 'The rules trips and bookings are checked against. Only admins change them.'
        }
      />
      <Card
        description={policy.data ? `Last changed ${formatTimestamp(policy.data.updatedAt)}` : undefined}
        title="Policy"
      >
        {policy.isPending ? (
          <Loading />
        ) : policy.isError ? (
          <LoadError error={policy.error} onRetry={() => policy.refetch()} />
        ) : (
          <PolicyForm policy={policy.data} readOnly={!isAdmin} />
        )}
      </Card>
    </>
  );
}
