'use client';

import { useState } from 'react';
import { Alert, Button, Field, FieldRow, Input, Select } from '@/components/ui';
import { ApiError, describeError, hasErrorCode } from '@/lib/api/api-error';
import type { StaySearchBody } from '@/lib/api/stays';
import styles from '@/components/flights/flights.module.css';

export interface StaySearchFormProps {
  defaults: { checkInDate: string; checkOutDate: string };
  /** The trip's travellers: at most one room each. */
  guests: number;
  searching: boolean;
  onSearch(body: StaySearchBody): Promise<unknown>;
}

type FieldName = 'checkInDate' | 'checkOutDate' | 'rooms';

/** When and how many rooms: hotels around the trip's destination for its travellers. */
export function StaySearchForm({ defaults, guests, searching, onSearch }: StaySearchFormProps) {
  const [checkInDate, setCheckIn] = useState(defaults.checkInDate);
  const [checkOutDate, setCheckOut] = useState(defaults.checkOutDate);
  const [rooms, setRooms] = useState('1');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const submit = async () => {
    setGeneral(null);
    const found: Partial<Record<FieldName, string>> = {};
    if (!checkInDate) found.checkInDate = 'Choose a check-in date';
    if (!checkOutDate) found.checkOutDate = 'Choose a check-out date';
    else if (checkInDate && checkOutDate <= checkInDate) found.checkOutDate = 'Check-out must be after check-in';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await onSearch({ checkInDate, checkOutDate, rooms: Number(rooms) } as StaySearchBody);
    } catch (error) {
      // The API names a refused field (dates in the past, too many nights): it goes under its input.
      const placed = error instanceof ApiError ? error.fieldErrors.filter((f) => f.field in LABELS) : [];
      if (placed.length > 0) {
        setErrors(Object.fromEntries(placed.map((f) => [f.field, f.message])));
        return;
      }
      setGeneral(
        hasErrorCode(error, 'STAY_SUPPLIER_UNAVAILABLE')
          ? 'The hotels’ system did not answer. Nothing was searched: try again in a moment.'
          : describeError(error),
      );
    }
  };

  return (
    <form
      className={styles.searchForm}
      aria-label="Hotel search"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {general && <Alert tone="danger">{general}</Alert>}
      <FieldRow>
        <Field label={LABELS.checkInDate} error={errors.checkInDate}>
          <Input type="date" name="checkInDate" value={checkInDate} onChange={(e) => setCheckIn(e.target.value)} />
        </Field>
        <Field label={LABELS.checkOutDate} error={errors.checkOutDate}>
          <Input type="date" name="checkOutDate" value={checkOutDate} onChange={(e) => setCheckOut(e.target.value)} />
        </Field>
        <Field
          label={LABELS.rooms}
          hint={`For ${guests === 1 ? 'one guest' : `${guests} guests`}`}
          error={errors.rooms}
        >
          <Select name="rooms" value={rooms} onChange={(e) => setRooms(e.target.value)}>
            {Array.from({ length: Math.min(guests, 9) }, (_, index) => (
              <option key={index} value={index + 1}>
                {index + 1}
              </option>
            ))}
          </Select>
        </Field>
      </FieldRow>
      <div>
        <Button type="submit" variant="primary" loading={searching}>
          Search hotels
        </Button>
      </div>
    </form>
  );
}

const LABELS: Record<FieldName, string> = { checkInDate: 'Check-in', checkOutDate: 'Check-out', rooms: 'Rooms' };
