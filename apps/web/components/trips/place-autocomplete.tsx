'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Input } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { usePlaces, type Place } from '@/lib/api/places';
import styles from './place-autocomplete.module.css';

export interface PlaceAutocompleteProps {
  value: string;
  /** Typing: the text is kept as a free-text place until a suggestion is chosen. */
  onTextChange(text: string): void;
  onSelect(place: Place): void;
  placeholder?: string;
  name?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** What a suggestion says under its name: an airport's code and city, else the country. */
function placeDetail(place: Place): string {
  if (place.kind === 'airport') return [place.iata, [place.city, place.country].filter(Boolean).join(', ')].join(' · ');
  return place.city ? `${place.city}, ${place.country}` : place.country;
}

const KIND_LABEL: Record<Place['kind'], string> = { city: 'City', airport: 'Airport', place: 'Place' };

/**
 * Destination search over `GET /api/places` as an ARIA 1.2 combobox: arrows move through the
 * suggestions, Enter picks one, Escape closes the list. Label and error come from the Field.
 * Airports carry a plane mark and their IATA code; every option names its kind for screen readers.
 */
export function PlaceAutocomplete({
  value,
  onTextChange,
  onSelect,
  placeholder = 'Start typing a city or airport…',
  name,
}: PlaceAutocompleteProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useDebounced(value, 200);
  const places = usePlaces(open ? query : '');
  const options = places.data ?? [];
  const wrapRef = useRef<HTMLDivElement>(null);

  // A new query starts the highlighted suggestion over (adjusted while rendering, not in an effect).
  const [activeQuery, setActiveQuery] = useState(query);
  if (activeQuery !== query) {
    setActiveQuery(query);
    setActive(-1);
  }

  useEffect(() => {
    const close = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const choose = (place: Place) => {
    onSelect(place);
    setOpen(false);
    setActive(-1);
  };

  const showList = open && query.trim().length >= 2;
  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <div className={styles.wrap} ref={wrapRef}>
      <Input
        role="combobox"
        name={name}
        autoComplete="off"
        placeholder={placeholder}
        value={value}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => {
          onTextChange(event.target.value);
          setOpen(true);
        }}
        onFocus={() => value.trim().length >= 2 && setOpen(true)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(options.length - 1, index + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === 'Enter' && showList && active >= 0 && options[active]) {
            event.preventDefault();
            choose(options[active]);
          } else if (event.key === 'Escape' && showList) {
            event.preventDefault();
            setOpen(false);
          }
        }}
      />
      {showList && (
        <ul className={styles.listbox} id={listId} role="listbox" aria-label="Suggestions">
          {places.isFetching && options.length === 0 && <li className={styles.status}>Searching…</li>}
          {places.isError && <li className={styles.status}>{describeError(places.error)}</li>}
          {!places.isFetching && !places.isError && options.length === 0 && (
            <li className={styles.status}>No place found. Keep the text as it is, or try another spelling.</li>
          )}
          {options.map((place, index) => (
            // The keyboard picks options on the combobox (aria-activedescendant), as the ARIA combobox pattern has it.
            // eslint-disable-next-line jsx-a11y/click-events-have-key-events
            <li
              key={`${place.kind}-${place.iata ?? place.name}-${place.countryCode}-${place.latitude}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={styles.option}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(place)}
            >
              <span className={styles.optionName}>
                {place.kind === 'airport' && (
                  <span className={styles.airportMark} aria-hidden="true">
                    ✈
                  </span>
                )}
                <span className="sr-only">{KIND_LABEL[place.kind]}: </span>
                {place.name}
              </span>
              <span className={styles.optionMeta}>{placeDetail(place)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
