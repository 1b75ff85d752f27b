'use client';

import { Field, Input } from '@/components/ui';

/** Why a range of days is unusable, or null: an end before the start. */
export function dayRangeError(from: string, to: string): string | null {
  return from && to && to < from ? 'The end is before the start.' : null;
}

export interface DayRangeFieldsProps {
  from: string;
  to: string;
  onFromChange(day: string): void;
  onToChange(day: string): void;
  labels?: { from: string; to: string };
}

/** Two date inputs of a list's filters, each bounding the other; the end says when it is before the start. */
export function DayRangeFields({
  from,
  to,
  onFromChange,
  onToChange,
  labels = { from: 'From', to: 'To' },
}: DayRangeFieldsProps) {
  return (
    <>
      <Field label={labels.from}>
        <Input type="date" value={from} max={to || undefined} onChange={(event) => onFromChange(event.target.value)} />
      </Field>
      <Field label={labels.to} error={dayRangeError(from, to) ?? undefined}>
        <Input type="date" value={to} min={from || undefined} onChange={(event) => onToChange(event.target.value)} />
      </Field>
    </>
  );
}
