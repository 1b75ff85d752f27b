'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type FieldErrors } from 'react-hook-form';
import { useUnsavedChangesGuard } from '@/components/admin/use-unsaved-changes-guard';
import { Alert, Button, Checkbox, Field, FieldRow, Input, Select } from '@/components/ui';
import { describeError, hasErrorCode, splitFieldErrors } from '@/lib/api/api-error';
import { useSavePolicy, type Policy } from '@/lib/api/organization';
import { CABIN_CLASSES, OUT_OF_POLICY, RULED_CABINS, policySchema, type PolicyFormValues } from '@/lib/forms/schemas';
import styles from '../admin.module.css';
import { toBody, toForm } from './policy-form-values';

const CABIN_LABELS: Record<(typeof CABIN_CLASSES)[number], string> = {
  economy: 'Economy',
  premium_economy: 'Premium economy',
  business: 'Business',
  first: 'First',
};

const HANDLING: Record<(typeof OUT_OF_POLICY)[number], { label: string; hint: string }> = {
  needs_approval: {
    label: 'An approver decides',
    hint: 'Out-of-policy trips wait in the approvals queue with their reasons.',
  },
  allowed_with_reason: {
    label: 'Allowed with a reason',
    hint: 'The traveller picks one of the reasons below; no approver is asked.',
  },
  blocked: { label: 'Refused', hint: 'Out-of-policy trips cannot be submitted.' },
};

const FIELDS = [
  'allowedCabinClasses',
  'cabinRules',
  'currency',
  'maxFlightFare',
  'maxHotelNightlyRate',
  'cityNightlyCaps',
  'minAdvanceBookingDays',
  'tripBudgetCeiling',
  'preferredAirlines',
  'blockedAirlines',
  'maxConnections',
  'maxFlightCo2Kg',
  'expenseCaps',
  'outOfPolicy',
  'reasonCodes',
] as const;

/** A list's own message (from the API, or a rule about the whole list), beside its rows' messages. */
function listError(errors: FieldErrors<PolicyFormValues>, name: 'cityNightlyCaps' | 'expenseCaps' | 'reasonCodes') {
  const error = errors[name];
  return error?.message ?? error?.root?.message;
}

/** Every rule of the travel policy, edited as one form and saved with the version it was loaded from. */
export function PolicyForm({
  policy,
  readOnly,
  onReload,
}: {
  policy: Policy;
  readOnly: boolean;
  /** Reads the policy again (after someone else changed it). */
  onReload(): Promise<Policy | undefined>;
}) {
  const save = useSavePolicy();
  const [result, setResult] = useState<{ tone: 'success' | 'danger'; text: string; stale?: boolean } | null>(null);
  const { register, handleSubmit, formState, control, reset, setError } = useForm<PolicyFormValues>({
    resolver: zodResolver(policySchema),
    defaultValues: toForm(policy),
  });
  const cityCaps = useFieldArray({ control, name: 'cityNightlyCaps' });
  const expenseCaps = useFieldArray({ control, name: 'expenseCaps' });
  const reasons = useFieldArray({ control, name: 'reasonCodes' });
  const allowed = useWatch({ control, name: 'allowedCabinClasses' });
  const errors = formState.errors;
  useUnsavedChangesGuard(formState.isDirty && !readOnly);

  // Someone else's change: the form starts again from theirs (their version is then the one sent).
  const reload = async () => {
    const current = await onReload();
    if (!current) return;
    reset(toForm(current));
    setResult({ tone: 'success', text: `Loaded version ${current.version}. Make your changes again, then save.` });
  };

  const submit = handleSubmit(async (values) => {
    setResult(null);
    try {
      const saved = await save.mutateAsync(toBody(values, policy.version));
      reset(toForm(saved));
      setResult({
        tone: 'success',
        text: `Policy saved as version ${saved.version}. Trips submitted from now on are checked against it.`,
      });
    } catch (error) {
      if (hasErrorCode(error, 'POLICY_VERSION_STALE')) {
        setResult({ tone: 'danger', text: describeError(error), stale: true });
        return;
      }
      const split = splitFieldErrors(error, FIELDS);
      for (const field of FIELDS) {
        const message = split.fields[field];
        if (!message) continue;
        setError(field === 'cabinRules' ? 'cabinFromHours' : field, { message });
      }
      setResult({
        tone: 'danger',
        text: split.general.join(' ') || 'Some rules need fixing: see the fields marked below.',
      });
    }
  });

  return (
    <form className={styles.policyForm} onSubmit={submit} noValidate aria-label="Travel policy">
      {result && (
        <Alert
          tone={result.tone}
          actions={
            result.stale ? (
              <Button size="sm" onClick={() => void reload()}>
                Load the current policy
              </Button>
            ) : undefined
          }
        >
          {result.text}
        </Alert>
      )}
      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Flights</legend>
        <Controller
          control={control}
          name="allowedCabinClasses"
          render={({ field }) => (
            <div role="group" aria-label="Cabins allowed on every flight">
              <p className={styles.groupLabel}>Cabins allowed on every flight</p>
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
              {errors.allowedCabinClasses && (
                <p className={styles.bad} role="alert">
                  {errors.allowedCabinClasses.message}
                </p>
              )}
            </div>
          )}
        />
        <div role="group" aria-label="Cabins allowed on longer flights">
          <p className={styles.groupLabel}>On longer flights, also allow</p>
          <FieldRow>
            {RULED_CABINS.map((cabin) => (
              <Field
                key={cabin}
                label={`${CABIN_LABELS[cabin]} from`}
                hint={
                  allowed.includes(cabin)
                    ? 'Already allowed on every flight.'
                    : 'Hours of flight, e.g. 9. Empty: never.'
                }
                error={
                  errors.cabinFromHours?.[cabin]?.message ??
                  (cabin === 'premium_economy' ? errors.cabinFromHours?.message : undefined)
                }
              >
                <Input inputMode="decimal" {...register(`cabinFromHours.${cabin}`)} />
              </Field>
            ))}
          </FieldRow>
        </div>
        <FieldRow>
          <Field label="Max fare per flight" optional hint="Empty: no limit." error={errors.maxFlightFare?.message}>
            <Input inputMode="decimal" {...register('maxFlightFare')} />
          </Field>
          <Field
            label="Minimum advance booking"
            hint="Days between booking and departure; 0: no rule."
            error={errors.minAdvanceBookingDays?.message}
          >
            <Input inputMode="numeric" {...register('minAdvanceBookingDays')} />
          </Field>
        </FieldRow>
        <FieldRow>
          <Field label="Connections per flight" error={errors.maxConnections?.message}>
            <Select {...register('maxConnections')}>
              <option value="">Any number</option>
              <option value="0">Nonstop only</option>
              <option value="1">At most 1</option>
              <option value="2">At most 2</option>
              <option value="3">At most 3</option>
            </Select>
          </Field>
          <Field
            label="Max CO2 per flight (kg)"
            optional
            hint="Per passenger; empty: no cap."
            error={errors.maxFlightCo2Kg?.message}
          >
            <Input inputMode="numeric" {...register('maxFlightCo2Kg')} />
          </Field>
        </FieldRow>
        <FieldRow>
          <Field
            label="Preferred airlines"
            optional
            hint="IATA codes, e.g. LH, LX. When set, only these."
            error={errors.preferredAirlines?.message}
          >
            <Input autoCapitalize="characters" {...register('preferredAirlines')} />
          </Field>
          <Field
            label="Blocked airlines"
            optional
            hint="Never allowed, not even with approval."
            error={errors.blockedAirlines?.message}
          >
            <Input autoCapitalize="characters" {...register('blockedAirlines')} />
          </Field>
        </FieldRow>
      </fieldset>

      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Stays and budget</legend>
        <FieldRow>
          <Field
            label="Max hotel rate per night"
            optional
            hint="Where no city cap applies."
            error={errors.maxHotelNightlyRate?.message}
          >
            <Input inputMode="decimal" {...register('maxHotelNightlyRate')} />
          </Field>
          <Field
            label="Budget ceiling per trip"
            optional
            hint="Empty: no ceiling."
            error={errors.tripBudgetCeiling?.message}
          >
            <Input inputMode="decimal" {...register('tripBudgetCeiling')} />
          </Field>
          <Field label="Currency" hint="Of every amount in the policy." error={errors.currency?.message}>
            <Input maxLength={3} autoCapitalize="characters" {...register('currency')} />
          </Field>
        </FieldRow>
        <div role="group" aria-label="Nightly caps by city">
          <p className={styles.groupLabel}>Nightly caps by city</p>
          {cityCaps.fields.map((row, index) => (
            <div key={row.id} className={styles.listRow}>
              <Field label="City" error={errors.cityNightlyCaps?.[index]?.city?.message}>
                <Input {...register(`cityNightlyCaps.${index}.city`)} />
              </Field>
              <Field label="Country" optional error={errors.cityNightlyCaps?.[index]?.countryCode?.message}>
                <Input
                  maxLength={2}
                  autoCapitalize="characters"
                  placeholder="FR"
                  {...register(`cityNightlyCaps.${index}.countryCode`)}
                />
              </Field>
              <Field label="Max per night" error={errors.cityNightlyCaps?.[index]?.maxNightlyRate?.message}>
                <Input inputMode="decimal" {...register(`cityNightlyCaps.${index}.maxNightlyRate`)} />
              </Field>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove city cap ${index + 1}`}
                onClick={() => cityCaps.remove(index)}
              >
                Remove
              </Button>
            </div>
          ))}
          {listError(errors, 'cityNightlyCaps') && (
            <p className={styles.bad} role="alert">
              {listError(errors, 'cityNightlyCaps')}
            </p>
          )}
          <Button size="sm" onClick={() => cityCaps.append({ city: '', countryCode: '', maxNightlyRate: '' })}>
            Add a city cap
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Expenses</legend>
        <div role="group" aria-label="Caps per expense">
          {expenseCaps.fields.length === 0 && <p className={styles.groupHint}>No caps: any expense is in policy.</p>}
          {expenseCaps.fields.map((row, index) => (
            <div key={row.id} className={styles.listRow}>
              <Field
                label="Category"
                hint="e.g. meals, ground_transport"
                error={errors.expenseCaps?.[index]?.category?.message}
              >
                <Input {...register(`expenseCaps.${index}.category`)} />
              </Field>
              <Field label="Max per expense" error={errors.expenseCaps?.[index]?.maxAmount?.message}>
                <Input inputMode="decimal" {...register(`expenseCaps.${index}.maxAmount`)} />
              </Field>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove expense cap ${index + 1}`}
                onClick={() => expenseCaps.remove(index)}
              >
                Remove
              </Button>
            </div>
          ))}
          {listError(errors, 'expenseCaps') && (
            <p className={styles.bad} role="alert">
              {listError(errors, 'expenseCaps')}
            </p>
          )}
          <Button size="sm" onClick={() => expenseCaps.append({ category: '', maxAmount: '' })}>
            Add an expense cap
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset} disabled={readOnly}>
        <legend className={styles.legend}>Out of policy</legend>
        <div role="radiogroup" aria-label="When a trip is out of policy" className={styles.radios}>
          {OUT_OF_POLICY.map((handling) => (
            <label key={handling} className={styles.radio}>
              <input type="radio" value={handling} {...register('outOfPolicy')} />
              <span>
                <strong>{HANDLING[handling].label}</strong>
                <span className={styles.groupHint}>{HANDLING[handling].hint}</span>
              </span>
            </label>
          ))}
        </div>
        <div role="group" aria-label="Reasons a traveller can give">
          <p className={styles.groupLabel}>Reasons a traveller can give</p>
          {reasons.fields.map((row, index) => (
            <div key={row.id} className={styles.listRow}>
              <Field label="Code" hint="lower_snake_case" error={errors.reasonCodes?.[index]?.code?.message}>
                <Input {...register(`reasonCodes.${index}.code`)} />
              </Field>
              <Field label="Label" error={errors.reasonCodes?.[index]?.label?.message}>
                <Input {...register(`reasonCodes.${index}.label`)} />
              </Field>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove reason ${index + 1}`}
                onClick={() => reasons.remove(index)}
              >
                Remove
              </Button>
            </div>
          ))}
          {listError(errors, 'reasonCodes') && (
            <p className={styles.bad} role="alert">
              {listError(errors, 'reasonCodes')}
            </p>
          )}
          <Button size="sm" onClick={() => reasons.append({ code: '', label: '' })}>
            Add a reason
          </Button>
        </div>
        <Checkbox
          label="Approve trips that are within the policy at once, without an approver"
          {...register('autoApproveInPolicy')}
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
