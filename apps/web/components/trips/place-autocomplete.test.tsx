import { act, fireEvent, render, screen } from '@testing-library/react';
import type { Place } from '@/lib/api/places';
import { PlaceAutocomplete } from './place-autocomplete';

const BERLIN: Place = {
  kind: 'city',
  name: 'Berlin',
  country: 'Germany',
  countryCode: 'DE',
  latitude: 52.52,
  longitude: 13.405,
  timezone: 'Europe/Berlin',
  population: 3_406_000,
  iata: null,
  city: null,
};
const BER: Place = {
  kind: 'airport',
  name: 'Berlin Brandenburg Airport',
  country: 'Germany',
  countryCode: 'DE',
  latitude: 52.3667,
  longitude: 13.5033,
  timezone: 'Europe/Berlin',
  population: null,
  iata: 'BER',
  city: 'Berlin',
};
const LAKE_COMO: Place = {
  kind: 'place',
  name: 'Lake Como',
  country: 'Italy',
  countryCode: 'IT',
  latitude: 46.016,
  longitude: 9.2573,
  timezone: 'Europe/Rome',
  population: null,
  iata: null,
  city: null,
};

jest.mock('@/lib/api/places', () => ({
  usePlaces: (query: string) => ({ data: query ? [BERLIN, BER, LAKE_COMO] : [], isFetching: false, isError: false }),
}));

describe('PlaceAutocomplete', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function open(onSelect = jest.fn()) {
    render(<PlaceAutocomplete value="ber" onTextChange={jest.fn()} onSelect={onSelect} />);
    fireEvent.focus(screen.getByRole('combobox'));
    act(() => jest.advanceTimersByTime(250));
    return onSelect;
  }

  it('shows airports apart from cities: a plane, the IATA code and the city served', () => {
    open();
    const [city, airport, place] = screen.getAllByRole('option');
    expect(city.textContent).toBe('City: BerlinGermany');
    expect(airport.textContent).toBe('✈Airport: Berlin Brandenburg AirportBER · Berlin, Germany');
    expect(place.textContent).toBe('Place: Lake ComoItaly');
  });

  it('names the kind of each suggestion for screen readers, not the decorative plane', () => {
    open();
    expect(
      screen.getByRole('option', { name: /^Airport: Berlin Brandenburg Airport BER · Berlin, Germany$/ }),
    ).toBeTruthy();
    expect(screen.getByRole('option', { name: /^City: Berlin Germany$/ })).toBeTruthy();
  });

  it('hands the picked airport to the form', () => {
    const onSelect = open();
    fireEvent.click(screen.getByRole('option', { name: /^Airport:/ }));
    expect(onSelect).toHaveBeenCalledWith(BER);
  });
});
