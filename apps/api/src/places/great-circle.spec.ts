import { distanceKm, isValidCoordinates, unitVector } from './great-circle';

const BERLIN = { latitude: 52.52, longitude: 13.405 };
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };

describe('great circle', () => {
  it('measures distances between cities', () => {
    expect(distanceKm(BERLIN, PARIS)).toBeCloseTo(878, -1);
    expect(distanceKm(BERLIN, NEW_YORK)).toBeCloseTo(6385, -1);
    expect(distanceKm(BERLIN, BERLIN)).toBe(0);
    expect(distanceKm(PARIS, BERLIN)).toBeCloseTo(distanceKm(BERLIN, PARIS), 9);
  });

  it('goes the short way across the date line and over the poles', () => {
    expect(distanceKm({ latitude: 0, longitude: 179.5 }, { latitude: 0, longitude: -179.5 })).toBeCloseTo(111, 0);
    expect(distanceKm({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 })).toBeCloseTo(Math.PI * 6371, 6);
  });

  it('places points on the unit sphere so that a larger dot product means nearer', () => {
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const [berlin, paris, newYork] = [BERLIN, PARIS, NEW_YORK].map(unitVector);
    expect(Math.hypot(...berlin)).toBeCloseTo(1, 12);
    expect(dot(berlin, paris)).toBeGreaterThan(dot(berlin, newYork));
  });

  it('knows a coordinate when it sees one', () => {
    expect(isValidCoordinates(BERLIN)).toBe(true);
    expect(isValidCoordinates({ latitude: -90, longitude: 180 })).toBe(true);
    expect(isValidCoordinates({ latitude: 91, longitude: 0 })).toBe(false);
    expect(isValidCoordinates({ latitude: 0, longitude: -180.1 })).toBe(false);
    expect(isValidCoordinates({ latitude: Number.NaN, longitude: 0 })).toBe(false);
  });
});
