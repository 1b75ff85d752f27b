export interface LatLng {
  latitude: number;
  longitude: number;
}

const RADIANS = Math.PI / 180;

type Vector = [number, number, number];

const toVector = ({ latitude, longitude }: LatLng): Vector => [
  Math.cos(latitude * RADIANS) * Math.cos(longitude * RADIANS),
  Math.cos(latitude * RADIANS) * Math.sin(longitude * RADIANS),
  Math.sin(latitude * RADIANS),
];

/**
 * The shortest way between two airports on a spherical Earth (as the API's `places/great-circle.ts`
 * measures it), as `[latitude, longitude]` points for a map line: one point every 2° of arc, at most
 * `maxSegments` + 1 points (a long-haul flight is a few dozen, so the trip map stays light).
 * Longitudes are unwrapped (179 → 181, not −179) so a line across the antimeridian is drawn
 * across it rather than around the world. Nothing (empty) for the same point twice or for two
 * antipodes, where no single shortest way exists.
 */
export function greatCircleArc(from: LatLng, to: LatLng, maxSegments = 48): [number, number][] {
  const a = toVector(from);
  const b = toVector(to);
  const cos = Math.min(1, Math.max(-1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const angle = Math.acos(cos);
  const sin = Math.sin(angle);
  if (angle < 1e-7 || sin < 1e-7) return [];
  const segments = Math.max(1, Math.min(maxSegments, Math.ceil(angle / RADIANS / 2)));
  const points: [number, number][] = [];
  let previousLongitude = from.longitude;
  for (let step = 0; step <= segments; step++) {
    // Spherical linear interpolation between the two unit vectors.
    const t = step / segments;
    const wa = Math.sin((1 - t) * angle) / sin;
    const wb = Math.sin(t * angle) / sin;
    const [x, y, z] = [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
    const latitude = Math.atan2(z, Math.hypot(x, y)) / RADIANS;
    let longitude = step === 0 ? from.longitude : Math.atan2(y, x) / RADIANS;
    longitude += 360 * Math.round((previousLongitude - longitude) / 360);
    previousLongitude = longitude;
    points.push([latitude, longitude]);
  }
  return points;
}
