'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { PlaceAutocomplete } from '@/components/trips/place-autocomplete';
import { Alert, Button, Field, FieldRow, Input, Select } from '@/components/ui';
import { ApiError, describeError, hasErrorCode } from '@/lib/api/api-error';
import type { FlightSearchBody } from '@/lib/api/flights';
import { CABIN_LABELS } from '@/lib/flights/flight-offers';
import {
  flightSearchBody,
  flightSearchSchema,
  searchFieldOf,
  type FlightSearchValues,
} from '@/lib/flights/flight-search-values';
import styles from './flights.module.css';

export interface FlightSearchFormProps {
  defaults: Pick<FlightSearchValues, 'departureDate' | 'returnDate'>;
  searching: boolean;
  onSearch(body: FlightSearchBody): Promise<unknown>;
}

const AIRPORT_HINT = 'Type a city or airport and pick an airport, or type its 3-letter code.';

/** Where from and to, when, which cabin: a one-way or a return for the trip's travellers. */
export function FlightSearchForm({ defaults, searching, onSearch }: FlightSearchFormProps) {
  const [general, setGeneral] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setError } = useForm<FlightSearchValues>({
    resolver: zodResolver(flightSearchSchema),
    defaultValues: { origin: '', destination: '', cabin: 'economy', maxConnections: '', ...defaults },
  });
  const errors = formState.errors;

  const submit = handleSubmit(async (values) => {
    setGeneral(null);
    try {
      await onSearch(flightSearchBody(values));
    } catch (error) {
      // The API names a refused slice field (`slices.1.departureDate`): it goes under its input.
      const placed = error instanceof ApiError ? error.fieldErrors.filter((f) => searchFieldOf(f.field)) : [];
      for (const refused of placed) setError(searchFieldOf(refused.field)!, { message: refused.message });
      if (placed.length > 0) return;
      setGeneral(
        hasErrorCode(error, 'FLIGHT_SUPPLIER_UNAVAILABLE')
          ? 'The airlines’ system did not answer. Nothing was searched: try again in a moment.'
          : describeError(error),
      );
    }
  });

  const airport = (name: 'origin' | 'destination', label: string) => (
    <Field label={label} hint={AIRPORT_HINT} error={errors[name]?.message}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <PlaceAutocomplete
            name={field.name}
            value={field.value}
            placeholder="London or LHR"
            onTextChange={field.onChange}
            // A city has no code of its own: only an airport fills the field with one.
            onSelect={(place) => field.onChange(place.iata ?? place.name)}
          />
        )}
      />
    </Field>
  );

  return (
    <form className={styles.searchForm} aria-label="Flight search" onSubmit={submit} noValidate>
      {general && <Alert tone="danger">{general}</Alert>}
      <FieldRow>
        {airport('origin', 'From')}
        {airport('destination', 'To')}
      </FieldRow>
      <FieldRow>
        <Field label="Departure" error={errors.departureDate?.message}>
          <Input type="date" {...register('departureDate')} />
        </Field>
        <Field label="Return" optional hint="Leave empty for a one-way flight." error={errors.returnDate?.message}>
          <Input type="date" {...register('returnDate')} />
        </Field>
        <Field label="Cabin" error={errors.cabin?.message}>
          <Select {...register('cabin')}>
            {Object.entries(CABIN_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Connections" error={errors.maxConnections?.message}>
          <Select {...register('maxConnections')}>
            <option value="">Any</option>
            <option value="0">Non-stop only</option>
            <option value="1">At most 1</option>
            <option value="2">At most 2</option>
          </Select>
        </Field>
      </FieldRow>
      <div>
        <Button type="submit" variant="primary" loading={searching}>
          Search flights
        </Button>
      </div>
    </form>
  );
}
