/**
 * The airlines the sandbox sells: real IATA codes and names, each with its home region and hubs
 * (bundled airports). Network carriers fly non-stop from their hubs and connect through them;
 * low-cost carriers fly non-stop within their region, economy only, never with a connection.
 */
export type Region = 'europe' | 'north_america' | 'latin_america' | 'middle_east' | 'africa' | 'asia' | 'oceania';

export interface SandboxCarrier {
  iataCode: string;
  name: string;
  region: Region;
  hubs: string[];
  lowCost: boolean;
  /** Carriers whose hubs sell connections between continents beyond their own region. */
  global?: boolean;
}

const network = (iataCode: string, name: string, region: Region, hubs: string[], global = false): SandboxCarrier => ({
  iataCode,
  name,
  region,
  hubs,
  lowCost: false,
  global,
});
const lowCost = (iataCode: string, name: string, region: Region): SandboxCarrier => ({
  iataCode,
  name,
  region,
  hubs: [],
  lowCost: true,
});

export const SANDBOX_CARRIERS: readonly SandboxCarrier[] = [
  network('LH', 'Lufthansa', 'europe', ['FRA', 'MUC']),
  network('AF', 'Air France', 'europe', ['CDG']),
  network('BA', 'British Airways', 'europe', ['LHR']),
  network('KL', 'KLM', 'europe', ['AMS']),
  network('IB', 'Iberia', 'europe', ['MAD']),
  network('LX', 'Swiss', 'europe', ['ZRH']),
  network('SK', 'SAS', 'europe', ['CPH']),
  network('AY', 'Finnair', 'europe', ['HEL']),
  network('TP', 'TAP Air Portugal', 'europe', ['LIS']),
  network('OS', 'Austrian Airlines', 'europe', ['VIE']),
  network('TK', 'Turkish Airlines', 'europe', ['IST'], true),
  lowCost('U2', 'easyJet', 'europe'),
  lowCost('FR', 'Ryanair', 'europe'),
  network('AA', 'American Airlines', 'north_america', ['DFW', 'CLT', 'MIA']),
  network('DL', 'Delta Air Lines', 'north_america', ['ATL', 'JFK']),
  network('UA', 'United Airlines', 'north_america', ['ORD', 'EWR', 'DEN', 'SFO']),
  network('AC', 'Air Canada', 'north_america', ['YYZ', 'YVR']),
  network('AS', 'Alaska Airlines', 'north_america', ['SEA']),
  lowCost('WN', 'Southwest Airlines', 'north_america'),
  network('LA', 'LATAM Airlines', 'latin_america', ['GRU', 'SCL']),
  network('AV', 'Avianca', 'latin_america', ['BOG']),
  network('AM', 'Aeroméxico', 'latin_america', ['MEX']),
  network('CM', 'Copa Airlines', 'latin_america', ['PTY']),
  lowCost('G3', 'GOL Linhas Aéreas', 'latin_america'),
  network('EK', 'Emirates', 'middle_east', ['DXB'], true),
  network('EY', 'Etihad Airways', 'middle_east', ['AUH'], true),
  lowCost('FZ', 'flydubai', 'middle_east'),
  network('ET', 'Ethiopian Airlines', 'africa', ['ADD']),
  network('SA', 'South African Airways', 'africa', ['JNB']),
  network('KQ', 'Kenya Airways', 'africa', ['NBO']),
  network('MS', 'EgyptAir', 'africa', ['CAI']),
  network('AT', 'Royal Air Maroc', 'africa', ['CMN']),
  network('SQ', 'Singapore Airlines', 'asia', ['SIN'], true),
  network('CX', 'Cathay Pacific', 'asia', ['HKG']),
  network('NH', 'ANA', 'asia', ['HND']),
  network('KE', 'Korean Air', 'asia', ['ICN']),
  network('CA', 'Air China', 'asia', ['PEK']),
  network('MU', 'China Eastern', 'asia', ['PVG']),
  network('AI', 'Air India', 'asia', ['DEL', 'BOM']),
  network('TG', 'Thai Airways', 'asia', ['BKK']),
  lowCost('AK', 'AirAsia', 'asia'),
  network('QF', 'Qantas', 'oceania', ['SYD', 'MEL']),
  network('NZ', 'Air New Zealand', 'oceania', ['AKL']),
  network('VA', 'Virgin Australia', 'oceania', ['BNE']),
  lowCost('JQ', 'Jetstar', 'oceania'),
];

const MIDDLE_EAST = new Set(['AE', 'QA', 'SA', 'BH', 'KW', 'OM', 'IR', 'IQ', 'JO', 'LB', 'SY', 'IL', 'PS', 'YE']);

/** A region from the airport's zone and country: enough to pick plausible airlines, not geography. */
export function regionOf(airport: { timezone: string; countryCode: string; latitude: number }): Region {
  const { timezone, countryCode, latitude } = airport;
  if (MIDDLE_EAST.has(countryCode)) return 'middle_east';
  if (timezone === 'Pacific/Honolulu' || countryCode === 'US' || countryCode === 'CA') return 'north_america';
  const area = timezone.split('/')[0];
  switch (area) {
    case 'Europe':
      return 'europe';
    case 'America':
      return latitude >= 24 ? 'north_america' : 'latin_america';
    case 'Africa':
    case 'Indian':
      return timezone === 'Indian/Maldives' ? 'asia' : 'africa';
    case 'Asia':
      return 'asia';
    case 'Australia':
    case 'Pacific':
      return 'oceania';
    default:
      // Atlantic islands and the rest: near enough to Europe's airlines for a sandbox.
      return latitude < 20 ? 'africa' : 'europe';
  }
}
