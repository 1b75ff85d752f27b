import { IANAZone } from 'luxon';
import { loadBundledCities } from './bundled-cities';

describe('bundled cities', () => {
  const cities = loadBundledCities();

  it('holds thousands of cities, each with an ISO country code, an IANA zone and coordinates', () => {
    expect(cities.length).toBeGreaterThan(7000);
    for (const city of cities) {
      expect(city.countryCode).toMatch(/^[A-Z]{2}$/);
      expect(Math.abs(city.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(city.longitude)).toBeLessThanOrEqual(180);
      expect(Number.isInteger(city.population)).toBe(true);
    }
    const zones = new Set(cities.map((city) => city.timezone));
    expect([...zones].filter((zone) => !IANAZone.isValidZone(zone))).toEqual([]);
  });

  it("gives cities the dataset left without a zone their nearest same-country neighbour's", () => {
    const zoneOf = (name: string) => cities.find((city) => city.name === name)?.timezone;
    expect(zoneOf('Penza')).toBe('Europe/Moscow');
    expect(zoneOf('Urmia')).toBe('Asia/Tehran');
    expect(zoneOf('Perm')).toBe('Asia/Yekaterinburg');
  });

  it('lists a city once and fixes the codes the dataset lacks', () => {
    expect(cities.filter((city) => city.name === 'Bandar Lampung')).toHaveLength(1);
    expect(cities.find((city) => city.name === 'Pristina')).toMatchObject({ country: 'Kosovo', countryCode: 'XK' });
  });
});
