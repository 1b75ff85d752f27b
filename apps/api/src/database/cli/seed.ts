import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '../../config/app-config';
import { Activity, ActivityType } from '../../activities/activity.entity';
import { PasswordHasher } from '../../auth/password-hasher';
import { Organization } from '../../common/tenancy/organization.entity';
import { TravelPolicy } from '../../policy/travel-policy.entity';
import { Trip } from '../../trips/trip.entity';
import { TripStatus } from '../../trips/trip-status.machine';
import { User } from '../../users/user.entity';
import { UserRole } from '../../common/auth/user-role';
import { dataSourceOptions } from '../data-source-options';
import { resolveDatabase } from '../resolve-database';
import { runMigrations } from '../run-migrations';
import { runCli } from './run-cli';

const PASSWORD = 'nestmap demo password';
const ORGANIZATION = 'Globex Demo';
const PEOPLE: { email: string; name: string; role: UserRole }[] = [
  { email: 'admin@globex.example', name: 'Ada Admin', role: UserRole.Admin },
  { email: 'manager@globex.example', name: 'Mia Manager', role: UserRole.Manager },
  { email: 'tom@globex.example', name: 'Tom Traveller', role: UserRole.Traveller },
  { email: 'lena@globex.example', name: 'Lena Traveller', role: UserRole.Traveller },
];

interface PlannedActivity {
  title: string;
  type: ActivityType;
  day: number;
  at: string;
  hours?: number;
  place?: string;
  lat?: number;
  lng?: number;
}

interface PlannedTrip {
  traveller: string;
  title: string;
  destination: string;
  country: string;
  timezone: string;
  lat: number;
  lng: number;
  /** Start relative to today, so the demo always has past, current and upcoming trips. */
  startInDays: number;
  days: number;
  status: TripStatus;
  budget?: string;
  activities: PlannedActivity[];
}

const TRIPS: PlannedTrip[] = [
  {
    traveller: 'tom@globex.example',
    title: 'Berlin sales kick-off',
    destination: 'Berlin',
    country: 'Germany',
    timezone: 'Europe/Berlin',
    lat: 52.52,
    lng: 13.405,
    startInDays: -1,
    days: 4,
    status: TripStatus.Approved,
    budget: '2400.00',
    activities: [
      {
        title: 'Flight LH 2031 to BER',
        type: 'flight',
        day: 0,
        at: '07:10',
        hours: 1.5,
        place: 'BER Airport',
        lat: 52.3667,
        lng: 13.5033,
      },
      {
        title: 'Hotel check-in',
        type: 'lodging',
        day: 0,
        at: '10:00',
        place: 'Hotel am Gendarmenmarkt',
        lat: 52.5137,
        lng: 13.3926,
      },
      {
        title: 'Kick-off keynote',
        type: 'meeting',
        day: 0,
        at: '13:00',
        hours: 3,
        place: 'Station Berlin',
        lat: 52.4986,
        lng: 13.3805,
      },
      {
        title: 'Team dinner',
        type: 'meal',
        day: 1,
        at: '19:30',
        hours: 2,
        place: 'Clärchens Ballhaus',
        lat: 52.5266,
        lng: 13.3969,
      },
      {
        title: 'Customer workshop',
        type: 'meeting',
        day: 2,
        at: '09:30',
        hours: 4,
        place: 'Potsdamer Platz',
        lat: 52.5096,
        lng: 13.3759,
      },
    ],
  },
  {
    traveller: 'lena@globex.example',
    title: 'Tokyo partner summit',
    destination: 'Tokyo',
    country: 'Japan',
    timezone: 'Asia/Tokyo',
    lat: 35.6895,
    lng: 139.6917,
    startInDays: 12,
    days: 5,
    status: TripStatus.Submitted,
    budget: '5200.00',
    activities: [
      {
        title: 'Arrive at Haneda',
        type: 'flight',
        day: 0,
        at: '15:40',
        place: 'Haneda Airport',
        lat: 35.5494,
        lng: 139.7798,
      },
      {
        title: 'Partner summit',
        type: 'meeting',
        day: 1,
        at: '10:00',
        hours: 6,
        place: 'Marunouchi',
        lat: 35.6812,
        lng: 139.7671,
      },
      {
        title: 'Late dinner in Ginza',
        type: 'meal',
        day: 4,
        at: '23:30',
        hours: 1,
        place: 'Ginza',
        lat: 35.6717,
        lng: 139.765,
      },
    ],
  },
  {
    traveller: 'tom@globex.example',
    title: 'New York board review',
    destination: 'New York',
    country: 'United States',
    timezone: 'America/New_York',
    lat: 40.7128,
    lng: -74.006,
    startInDays: 30,
    days: 3,
    status: TripStatus.Draft,
    budget: '3800.00',
    activities: [
      {
        title: 'Board review',
        type: 'meeting',
        day: 1,
        at: '09:00',
        hours: 3,
        place: 'Midtown office',
        lat: 40.7549,
        lng: -73.984,
      },
      {
        title: 'Investor lunch',
        type: 'meal',
        day: 1,
        at: '12:30',
        hours: 1.5,
        place: 'Bryant Park Grill',
        lat: 40.7536,
        lng: -73.9832,
      },
    ],
  },
  {
    traveller: 'lena@globex.example',
    title: 'London customer visit',
    destination: 'London',
    country: 'United Kingdom',
    timezone: 'Europe/London',
    lat: 51.5074,
    lng: -0.1278,
    startInDays: -40,
    days: 2,
    status: TripStatus.Completed,
    activities: [
      {
        title: 'Customer visit',
        type: 'meeting',
        day: 0,
        at: '11:00',
        hours: 2,
        place: 'Canary Wharf',
        lat: 51.5054,
        lng: -0.0235,
      },
    ],
  },
  {
    traveller: 'manager@globex.example',
    title: 'Singapore regional planning',
    destination: 'Singapore',
    country: 'Singapore',
    timezone: 'Asia/Singapore',
    lat: 1.3521,
    lng: 103.8198,
    startInDays: 0,
    days: 3,
    status: TripStatus.Approved,
    activities: [
      {
        title: 'Regional planning day',
        type: 'meeting',
        day: 1,
        at: '09:00',
        hours: 8,
        place: 'Marina Bay',
        lat: 1.2834,
        lng: 103.8607,
      },
    ],
  },
  {
    traveller: 'tom@globex.example',
    title: 'São Paulo trade fair',
    destination: 'São Paulo',
    country: 'Brazil',
    timezone: 'America/Sao_Paulo',
    lat: -23.5505,
    lng: -46.6333,
    startInDays: 60,
    days: 4,
    status: TripStatus.Rejected,
    activities: [],
  },
];

/**
 * `npm run db:seed`: a demo organization with an admin, a manager and travellers, and trips with
 * itineraries across several cities and time zones. Idempotent: a second run changes nothing.
 */
async function main(): Promise<void> {
  const { config } = loadConfigOrExit();
  const database = await resolveDatabase(config, (line) => process.stderr.write(`${line}\n`));
  await runMigrations(database.url);
  const dataSource = await new DataSource(dataSourceOptions(config, database.url)).initialize();
  try {
    const existing = await dataSource.getRepository(User).findOne({ where: { email: PEOPLE[0].email } });
    if (existing) {
      printLogins('The demo organization exists already; nothing changed.');
      return;
    }
    // The API's own hasher: per-user salts and the stored encoding the login path expects.
    const hasher = new PasswordHasher(config);
    await dataSource.transaction(async (manager) => {
      const organization = await manager.save(manager.create(Organization, { name: ORGANIZATION }));
      await manager.insert(TravelPolicy, {
        organizationId: organization.id,
        maxFlightFare: '900.00',
        maxHotelNightlyRate: '220.00',
        minAdvanceBookingDays: 7,
        tripBudgetCeiling: '6000.00',
      });
      const users = new Map<string, User>();
      for (const person of PEOPLE) {
        const passwordHash = await hasher.hash(PASSWORD);
        users.set(
          person.email,
          await manager.save(manager.create(User, { ...person, organizationId: organization.id, passwordHash })),
        );
      }
      const today = DateTime.utc().startOf('day');
      for (const plan of TRIPS) {
        const start = today.plus({ days: plan.startInDays });
        const trip = await manager.save(
          manager.create(Trip, {
            organizationId: organization.id,
            travellerId: users.get(plan.traveller)!.id,
            title: plan.title,
            destination: plan.destination,
            destinationCountry: plan.country,
            timezone: plan.timezone,
            latitude: plan.lat,
            longitude: plan.lng,
            startDate: start.toISODate()!,
            endDate: start.plus({ days: plan.days - 1 }).toISODate()!,
            budgetAmount: plan.budget ?? null,
            budgetCurrency: plan.budget ? 'EUR' : null,
            status: plan.status,
          }),
        );
        await manager.save(
          plan.activities.map((activity, position) => {
            const startsAt = DateTime.fromISO(`${start.plus({ days: activity.day }).toISODate()}T${activity.at}`, {
              zone: plan.timezone,
            });
            return manager.create(Activity, {
              organizationId: organization.id,
              tripId: trip.id,
              title: activity.title,
              type: activity.type,
              startsAt: startsAt.toJSDate(),
              endsAt: activity.hours ? startsAt.plus({ minutes: activity.hours * 60 }).toJSDate() : null,
              timezone: plan.timezone,
              locationName: activity.place ?? null,
              latitude: activity.lat ?? null,
              longitude: activity.lng ?? null,
              position,
            });
          }),
        );
      }
    });
    printLogins(`Seeded "${ORGANIZATION}" with ${TRIPS.length} trips.`);
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

function printLogins(headline: string): void {
  process.stdout.write(`${headline}\nSign in with any of these (password: "${PASSWORD}"):\n`);
  for (const person of PEOPLE) process.stdout.write(`  ${person.role.padEnd(9)} ${person.email}\n`);
}

runCli('db:seed', main);
