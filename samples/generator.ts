/**
 * A seeded generator of one fictional UK garage's DMS exports: customers, units (vehicles), jobs,
 * advisories and booking requests, as plain header + string rows, spelled the way a real dealer
 * management system writes them.
 *
 * Deterministic for a seed: every random choice comes from one seeded faker instance (en_GB), and
 * every date is worked out from the as-of date with UTC day numbers — never the clock, never
 * Math.random, never the local time zone. The data is shaped so that every contact rule has rows
 * due on the as-of date (MOT and service reminders, bookings, thank-yous, advisories, sales
 * follow-ups, warranty and finance ends, birthdays, drifting customers).
 *
 * Everything here is fictional: emails at example.com/.org/.net only, landlines in Ofcom's drama
 * ranges, mobiles made up (not meant to be dialled). The deliberate data-quality quirks of the demo
 * files are added afterwards by `applyQuirks` (quirks.ts), only when a writer is asked for them.
 */
import { Faker, en_GB, en, base } from '@faker-js/faker';
import { spellPhone } from './phones.ts';

export { applyQuirks, type QuirkNote } from './quirks.ts';
export { PHONE_STYLES, phoneDigits, spellPhone } from './phones.ts';
export { writeExportsCsv, writeJobsXlsx, type WriteOptions } from './write-exports.ts';

// ---------------------------------------------------------------------------------------------
// The shape of the exports

export interface ExportTable {
  headers: readonly string[];
  rows: string[][];
}

export interface GarageExports {
  seed: number;
  asOf: string;
  /** Customers asked for (the customer table may hold more rows once quirks add a duplicate). */
  customerCount: number;
  customers: ExportTable;
  units: ExportTable;
  jobs: ExportTable;
  advisories: ExportTable;
  bookings: ExportTable;
}

export interface GarageOptions {
  seed: number;
  customers: number;
  /** YYYY-MM-DD */
  asOf: string;
}

export const CUSTOMER_HEADERS = [
  'Cust No', 'Title', 'Forename', 'Surname', 'Company', 'Addr1', 'Addr2', 'Addr3', 'Town', 'County', 'Post Code',
  'Home Tel', 'Work Tel', 'Mobile No', 'E-mail', 'DOB', 'Preferred Contact', 'Do Not Contact', 'Deceased', 'Gone Away',
  'No Email', 'No SMS', 'Post Opt Out', 'Email Opt In', 'SMS Opt In', 'Last Visit',
] as const;

export const UNIT_HEADERS = [
  'Reg No', 'Account', 'Make', 'Model', 'Chassis No', 'Date Registered', 'MOT Expiry', 'Next Service Due',
  'Last Service Date', 'Date Sold', 'Salesperson', 'Warranty Expiry', 'Agreement End', 'Mileage',
] as const;

export const JOB_HEADERS = [
  'WIP No', 'Customer Code', 'Registration', 'Date Booked', 'Appointment Date', 'Date Out', 'Status', 'Service Advisor',
  'Description', 'Value',
] as const;

export const ADVISORY_HEADERS = ['Job Number', 'Reg', 'Cust Code', 'Work Required', 'RAG', 'Due', 'Status', 'Estimate'] as const;

export const BOOKING_HEADERS = [
  'Request No', 'Date Received', 'Customer Code', 'VRM', 'Name', 'Email', 'Phone', 'Preferred Date', 'Status', 'Outcome',
  'Dissatisfaction Reason', 'Actioned At', 'Taken By',
] as const;

export const SERVICE_ADVISORS = ['Sarah Whitfield', 'Tom Okafor', 'Priya Shah', 'Dave Brennan'] as const;
export const SALES_STAFF = ['Mark Ellison', 'Jo Pritchard', 'Gareth Lloyd'] as const;
export const DISSATISFACTION_REASONS = [
  'Price too high',
  'Could not get a convenient date',
  'Went elsewhere',
  'Poor communication',
  'Vehicle sold',
  'Waited too long for a reply',
] as const;

// ---------------------------------------------------------------------------------------------
// Calendar: UTC day numbers (days since 1970-01-01), formatted through small caches

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function dayFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Day number of a YYYY-MM-DD date; throws on anything else. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayFromParts(y, mo, d);
  const back = partsOf(day);
  if (back.year !== y || back.month !== mo || back.day !== d) throw new Error(`not a real date: ${iso}`);
  return day;
}

export function partsOf(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole calendar months on; a day past the end of the target month falls on its last day. */
export function addMonths(day: number, months: number): number {
  const { year, month, day: dom } = partsOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayFromParts(y, m, Math.min(dom, daysInMonth(y, m)));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function cached(format: (day: number) => string): (day: number | null) => string {
  const cache = new Map<number, string>();
  return (day) => {
    if (day === null) return '';
    let text = cache.get(day);
    if (text === undefined) {
      text = format(day);
      cache.set(day, text);
    }
    return text;
  };
}

/** 16/11/2026 */
export const dmy = cached((day) => {
  const p = partsOf(day);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
});
/** 16/11/26 */
export const dmyShort = cached((day) => {
  const p = partsOf(day);
  return `${pad2(p.day)}/${pad2(p.month)}/${pad2(p.year % 100)}`;
});
/** 16-Nov-2026 */
export const dMonY = cached((day) => {
  const p = partsOf(day);
  return `${pad2(p.day)}-${MONTHS[p.month - 1]}-${p.year}`;
});

/** 16/11/2026 09:05 from a day and minutes after midnight. */
function dmyTime(day: number | null, minute: number): string {
  if (day === null) return '';
  return `${dmy(day)} ${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded faker, wrapped in the few picks the inner loops need

class Random {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [en_GB, en, base] });
    this.faker.seed(seed);
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** [0, 1) */
  unit(): number {
    return this.faker.number.int(0x3fffffff) / 0x40000000;
  }

  chance(p: number): boolean {
    return this.unit() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.faker.number.int(items.length - 1)] as T;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.faker.number.int(9));
    return s;
  }

  letters(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.faker.number.int(alphabet.length - 1)];
    return s;
  }
}

/** A weighted choice, with the cumulative weights worked out once. */
class Weighted<T> {
  readonly #items: T[];
  readonly #cumulative: number[];
  readonly #total: number;

  constructor(choices: readonly (readonly [T, number])[]) {
    this.#items = choices.map(([item]) => item);
    let sum = 0;
    this.#cumulative = choices.map(([, weight]) => (sum += weight));
    this.#total = sum;
  }

  pick(rng: Random): T {
    const x = rng.unit() * this.#total;
    for (let i = 0; i < this.#cumulative.length; i++) if (x < (this.#cumulative[i] as number)) return this.#items[i] as T;
    return this.#items[this.#items.length - 1] as T;
  }
}

// ---------------------------------------------------------------------------------------------
// Fixed lists: British names, the garage's local area, vehicles, work

const FEMALE_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Lily', 'Jessica', 'Ella', 'Charlotte', 'Hannah',
  'Lucy', 'Chloe', 'Megan', 'Sarah', 'Emma', 'Rebecca', 'Laura', 'Rachel', 'Claire', 'Helen', 'Joanne', 'Nicola',
  'Karen', 'Susan', 'Julie', 'Alison', 'Amanda', 'Deborah', 'Angela', 'Tracey', 'Louise', 'Kelly', 'Gemma', 'Victoria',
  'Katie', 'Jennifer', 'Elizabeth', 'Margaret', 'Patricia', 'Jean', 'Sandra', 'Linda', 'Pauline', 'Christine', 'Janet',
  'Anne', 'Carol', 'Wendy', 'Fiona', 'Aisha', 'Priya', 'Fatima', 'Niamh', 'Siobhan', 'Bethan', 'Rhiannon', 'Zara',
  'Freya', 'Poppy', 'Holly', 'Abigail', 'Harriet',
] as const;

const MALE_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Henry',
  'Daniel', 'Joshua', 'Samuel', 'Benjamin', 'Matthew', 'Luke', 'Adam', 'Ryan', 'Liam', 'Callum', 'Connor', 'Jamie',
  'David', 'John', 'Michael', 'Paul', 'Andrew', 'Mark', 'Richard', 'Peter', 'Stephen', 'Christopher', 'Robert', 'Ian',
  'Gary', 'Neil', 'Simon', 'Martin', 'Graham', 'Kevin', 'Colin', 'Keith', 'Alan', 'Brian', 'Trevor', 'Derek',
  'Raymond', 'Stuart', 'Gareth', 'Rhys', 'Dylan', 'Owen', 'Ewan', 'Fraser', 'Hamish', 'Mohammed', 'Arjun', 'Ravi',
  'Tariq', 'Kwame', 'Patrick', 'Sean', 'Declan', 'Ciaran',
] as const;

const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts',
  'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris',
  'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark',
  'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker',
  'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins',
  'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams',
  'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt',
  'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler',
  'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed',
  'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne',
  'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill',
  "O'Brien", "O'Neill", 'McDonald', 'MacLeod', 'Okafor', 'Mensah', 'Nowak', 'Kowalski', 'Chen', 'Wong', 'Nguyen',
  'Hart', 'Booth', 'Lomas', 'Hulme', 'Bradshaw', 'Whittaker', 'Heywood', 'Ashworth', 'Brennan', 'Rowlands',
] as const;

const COMPANY_TRADES = [
  'Plumbing & Heating', 'Builders', 'Electrical', 'Landscapes', 'Joinery', 'Cleaning Services', 'Florists', 'Taxis',
  'Couriers', 'Roofing', 'Decorators', 'Catering', 'Lettings', 'Physio',
] as const;

interface Area {
  town: string;
  county: string;
  districts: readonly string[];
}

const AREAS = new Weighted<Area>([
  [{ town: 'Macclesfield', county: 'Cheshire', districts: ['SK10', 'SK11'] }, 30],
  [{ town: 'Wilmslow', county: 'Cheshire', districts: ['SK9'] }, 12],
  [{ town: 'Congleton', county: 'Cheshire', districts: ['CW12'] }, 10],
  [{ town: 'Stockport', county: 'Greater Manchester', districts: ['SK1', 'SK2', 'SK3', 'SK4'] }, 10],
  [{ town: 'Knutsford', county: 'Cheshire', districts: ['WA16'] }, 8],
  [{ town: 'Poynton', county: 'Cheshire', districts: ['SK12'] }, 6],
  [{ town: 'Buxton', county: 'Derbyshire', districts: ['SK17'] }, 5],
  [{ town: 'Bollington', county: 'Cheshire', districts: ['SK10'] }, 4],
  [{ town: 'Alderley Edge', county: 'Cheshire', districts: ['SK9'] }, 4],
  [{ town: 'Leek', county: 'Staffordshire', districts: ['ST13'] }, 4],
  [{ town: 'Manchester', county: 'Greater Manchester', districts: ['M20', 'M22'] }, 4],
  [{ town: 'Sandbach', county: 'Cheshire', districts: ['CW11'] }, 3],
]);

const LOCALITIES = [
  'Prestbury', 'Tytherington', 'Broken Cross', 'Upton', 'Hurdsfield', 'Sutton', 'Langley', 'Rainow', 'Gawsworth',
  'Henbury', 'Adlington', 'Disley', 'Styal', 'Handforth', 'Bramhall', 'Mobberley', 'Chelford', 'Siddington',
] as const;

const BUILDING_NAMES = [
  'The Old Mill', 'Albion Court', 'Victoria House', 'Park View', 'Mulberry Court', 'The Maltings', 'Riverside',
  'Station House', 'Kingsley Court', 'The Granary',
] as const;

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const PLATE_LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ';
const PLATE_AREAS = ['MA', 'MC', 'MD', 'ME', 'MF', 'MJ', 'ML', 'MM', 'MX', 'MY', 'DA', 'DK', 'FD', 'VX', 'LK', 'YH', 'BN', 'WR'] as const;
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

interface Model {
  make: string;
  models: readonly string[];
  wmi: string;
  /** Manufacturer warranty in years (Kia: 7). */
  warrantyYears: number;
}

const VEHICLES = new Weighted<Model>([
  [{ make: 'Ford', models: ['Fiesta', 'Focus', 'Puma', 'Kuga', 'Transit Custom', 'Ranger'], wmi: 'WF0', warrantyYears: 3 }, 22],
  [{ make: 'Vauxhall', models: ['Corsa', 'Astra', 'Mokka', 'Grandland', 'Vivaro'], wmi: 'W0L', warrantyYears: 3 }, 14],
  [{ make: 'Volkswagen', models: ['Polo', 'Golf', 'T-Roc', 'Tiguan', 'ID.3', 'Transporter'], wmi: 'WVW', warrantyYears: 3 }, 12],
  [{ make: 'Kia', models: ['Picanto', 'Ceed', 'Sportage', 'Niro', 'EV6'], wmi: 'KNA', warrantyYears: 7 }, 9],
  [{ make: 'Toyota', models: ['Aygo X', 'Yaris', 'Corolla', 'C-HR', 'RAV4'], wmi: 'SB1', warrantyYears: 3 }, 9],
  [{ make: 'Nissan', models: ['Micra', 'Juke', 'Qashqai', 'Leaf'], wmi: 'SJN', warrantyYears: 3 }, 8],
  [{ make: 'Hyundai', models: ['i10', 'i20', 'Tucson', 'Kona'], wmi: 'TMA', warrantyYears: 5 }, 6],
  [{ make: 'Skoda', models: ['Fabia', 'Octavia', 'Karoq', 'Kodiaq'], wmi: 'TMB', warrantyYears: 3 }, 5],
  [{ make: 'Peugeot', models: ['208', '2008', '3008', 'Partner'], wmi: 'VF3', warrantyYears: 3 }, 4],
  [{ make: 'BMW', models: ['1 Series', '3 Series', 'X1', 'X3'], wmi: 'WBA', warrantyYears: 3 }, 4],
  [{ make: 'Mercedes-Benz', models: ['A-Class', 'C-Class', 'GLA', 'Sprinter'], wmi: 'WDD', warrantyYears: 3 }, 3],
  [{ make: 'Audi', models: ['A1', 'A3', 'Q2', 'Q3'], wmi: 'WAU', warrantyYears: 3 }, 3],
  [{ make: 'Renault', models: ['Clio', 'Captur', 'Kangoo'], wmi: 'VF1', warrantyYears: 3 }, 3],
  [{ make: 'Honda', models: ['Jazz', 'Civic', 'CR-V', 'HR-V'], wmi: 'SHH', warrantyYears: 3 }, 3],
  [{ make: 'MINI', models: ['Hatch', 'Countryman', 'Clubman'], wmi: 'WMW', warrantyYears: 3 }, 2],
]);

interface Work {
  text: string;
  low: number;
  high: number;
  service?: boolean;
  mot?: boolean;
}

const SERVICE_WORK: readonly Work[] = [
  { text: 'Full service', low: 189, high: 329, service: true },
  { text: 'Interim service', low: 119, high: 179, service: true },
  { text: 'Major service', low: 289, high: 449, service: true },
  { text: 'Annual service', low: 169, high: 289, service: true },
];
const MOT_WORK: readonly Work[] = [{ text: 'MOT', low: 54.85, high: 54.85, mot: true }, { text: 'MOT test', low: 54.85, high: 54.85, mot: true }];
const MOT_SERVICE_WORK: readonly Work[] = [
  { text: 'MOT & full service', low: 229, high: 369, service: true, mot: true },
  { text: 'MOT and interim service', low: 169, high: 229, service: true, mot: true },
];

const OTHER_WORK = new Weighted<Work>([
  [{ text: 'Front brake pads & discs', low: 180, high: 380 }, 8],
  [{ text: 'Rear brake pads', low: 90, high: 160 }, 5],
  [{ text: 'Replace 2 front tyres', low: 140, high: 320 }, 8],
  [{ text: 'Replace 4 tyres', low: 280, high: 620 }, 3],
  [{ text: 'Clutch replacement', low: 550, high: 1100 }, 2],
  [{ text: 'Timing belt & water pump', low: 380, high: 720 }, 2],
  [{ text: 'Diagnostic - engine management light', low: 60, high: 95 }, 5],
  [{ text: 'Air-con regas', low: 59, high: 99 }, 5],
  [{ text: 'Battery replacement', low: 110, high: 210 }, 4],
  [{ text: 'Exhaust back box replaced', low: 140, high: 260 }, 2],
  [{ text: 'Four-wheel alignment', low: 60, high: 90 }, 3],
  [{ text: 'Wiper blades, bulbs & screenwash', low: 25, high: 60 }, 3],
  [{ text: 'Coolant leak - replace top hose', low: 95, high: 180 }, 2],
  [{ text: 'Front coil spring replaced', low: 160, high: 290 }, 2],
  [{ text: 'Warranty repair - window regulator', low: 0, high: 0 }, 1],
  [{ text: 'Puncture repair', low: 20, high: 30 }, 3],
  [{ text: 'Brake fluid change', low: 55, high: 75 }, 2],
  [{ text: 'Rear shock absorbers', low: 220, high: 380 }, 1],
  [{ text: 'Software update (recall)', low: 0, high: 0 }, 1],
  [SERVICE_WORK[0] as Work, 10],
  [SERVICE_WORK[1] as Work, 6],
  [MOT_WORK[0] as Work, 8],
]);

interface AdvisoryWork {
  text: string;
  rag: 'Red' | 'Amber' | 'Green';
  low: number;
  high: number;
}

const ADVISORY_WORK: readonly AdvisoryWork[] = [
  { text: 'Front tyres at 3mm - replace soon', rag: 'Amber', low: 140, high: 260 },
  { text: 'Rear tyres at 2mm - replace', rag: 'Red', low: 140, high: 260 },
  { text: 'Front brake pads 3mm remaining', rag: 'Red', low: 120, high: 190 },
  { text: 'Rear brake discs lipped', rag: 'Amber', low: 150, high: 240 },
  { text: 'Oil leak from rocker cover gasket', rag: 'Amber', low: 120, high: 220 },
  { text: 'Wiper blades smearing', rag: 'Green', low: 20, high: 40 },
  { text: 'Corrosion on rear brake pipes', rag: 'Amber', low: 160, high: 280 },
  { text: 'Front wishbone bushes worn', rag: 'Amber', low: 180, high: 320 },
  { text: 'Coolant hose perished', rag: 'Amber', low: 90, high: 160 },
  { text: 'Exhaust back box corroded', rag: 'Green', low: 140, high: 260 },
  { text: 'Battery weak on test', rag: 'Amber', low: 110, high: 210 },
  { text: 'Air-con not cold - regas recommended', rag: 'Green', low: 59, high: 99 },
  { text: 'Timing belt due by mileage', rag: 'Amber', low: 380, high: 720 },
  { text: 'Brake fluid due for change', rag: 'Green', low: 55, high: 75 },
  { text: 'Nearside headlamp lens cloudy', rag: 'Green', low: 45, high: 90 },
  { text: 'CV boot split', rag: 'Red', low: 90, high: 170 },
];

// Consent flags as different DMS screens spell them.
const YES = new Weighted<string>([['Y', 40], ['Yes', 20], ['TRUE', 15], ['1', 10], ['X', 15]]);
const NO = new Weighted<string>([['N', 35], ['No', 15], ['', 50]]);
const PREFERRED = new Weighted<string>([['', 45], ['Email', 25], ['SMS', 10], ['Text', 8], ['Letter', 7], ['Post', 5]]);
const ADVISOR = new Weighted<string>([[SERVICE_ADVISORS[0], 30], [SERVICE_ADVISORS[1], 25], [SERVICE_ADVISORS[2], 25], [SERVICE_ADVISORS[3], 20]]);

// ---------------------------------------------------------------------------------------------
// Phone numbers: fictional, and spelled as people type them

/**
 * Landline drama ranges (Ofcom): fixed leading digits, then 3 random ones. Only ranges
 * libphonenumber-js accepts as valid, or the demo shows phone problems nobody meant: 0115 496 is
 * a drama range it rejects, so Nottingham's share went to Leicester's 0116 496.
 */
const DRAMA_LANDLINES = new Weighted<string>([
  ['01614960', 60],
  ['01134960', 3], ['01144960', 3], ['01164960', 6], ['01174960', 3], ['01184960', 3],
  ['01214960', 4], ['01314960', 3], ['01414960', 3], ['01514960', 4], ['01914980', 3], ['02079460', 4],
  ['02896496', 2], ['02920180', 2],
]);

/**
 * Mobile prefixes libphonenumber-js/max accepts as valid GB mobiles (07400–07599, 07701–07799,
 * 07800–07899, 07950–07999). Ofcom's mobile drama range, 07700 900xxx, is not one: the library
 * rejects it, so a generated garage would show phone problems nobody meant.
 */
const MOBILE_BLOCKS: readonly (readonly [number, number])[] = [[7400, 7599], [7701, 7799], [7800, 7899], [7950, 7999]];

const COMMON_STYLE = new Weighted<number>([[0, 65], [1, 25], [2, 10]]);

// ---------------------------------------------------------------------------------------------
// The generator

interface JobDraft {
  seq: number;
  code: string;
  reg: string;
  booked: number | null;
  appointment: number | null;
  completed: number | null;
  status: string;
  staff: string;
  description: string;
  value: string;
  jobNo: string;
}

interface AdvisoryDraft {
  job: JobDraft;
  work: string;
  rag: string;
  due: number | null;
  status: string;
  estimate: string;
}

interface BookingDraft {
  received: number;
  minute: number;
  code: string;
  vrm: string;
  name: string;
  email: string;
  phone: string;
  preferred: number | null;
  unactioned: boolean;
}

interface UnitDraft {
  reg: string;
  model: Model;
  modelName: string;
  vin: string;
  firstRegistered: number;
  mot: number | null;
  nextService: number | null;
  lastService: number | null;
  /** 'combined' and 'separate' have a next service date; 'lastOnly' only the last; 'none' neither. */
  plan: 'combined' | 'separate' | 'lastOnly' | 'none';
  sold: number | null;
  salesperson: string;
  warranty: number | null;
  finance: number | null;
  mileage: string;
}

type Category = 'active' | 'drifting' | 'lapsing' | 'never';
const CATEGORY = new Weighted<Category>([['active', 70], ['drifting', 5], ['lapsing', 20], ['never', 5]]);
const UNITS_PER_CUSTOMER = new Weighted<number>([[1, 68], [2, 23], [3, 6], [4, 3]]);
const COMPLETED_JOBS = new Weighted<number>([[1, 12], [2, 18], [3, 20], [4, 18], [5, 13], [6, 10], [8, 9]]);
const SERVICE_PLAN = new Weighted<UnitDraft['plan']>([['combined', 35], ['separate', 30], ['lastOnly', 20], ['none', 15]]);

class GarageGenerator {
  readonly rng: Random;
  readonly asOf: number;
  readonly count: number;
  readonly codeWidth: number;
  readonly customers: string[][] = [];
  readonly units: string[][] = [];
  readonly jobs: JobDraft[] = [];
  readonly advisories: AdvisoryDraft[] = [];
  readonly bookings: BookingDraft[] = [];
  readonly registrations = new Set<string>();
  readonly streets: readonly string[];
  jobSeq = 0;

  constructor(options: GarageOptions) {
    this.rng = new Random(options.seed);
    this.asOf = dayOf(options.asOf);
    this.count = options.customers;
    this.codeWidth = Math.max(5, String(options.customers).length);
    const streets = this.rng.faker.rawDefinitions.location?.street_name;
    this.streets = streets && streets.length > 0 ? streets : ['High Street', 'Church Lane', 'Park Road', 'Mill Lane'];
  }

  code(i: number): string {
    return `C${String(i).padStart(this.codeWidth, '0')}`;
  }

  run(): void {
    for (let i = 1; i <= this.count; i++) this.customer(i);
    const unknown = Math.round(this.count * 0.02);
    for (let i = 0; i < unknown; i++) this.unknownBooking();
  }

  // -- customers ------------------------------------------------------------------------------

  customer(i: number): void {
    const { rng } = this;
    const A = this.asOf;
    const code = this.code(i);
    const female = rng.chance(0.5);
    const firstName = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const surname = rng.pick(SURNAMES);
    // Customer 20 (and every 4000th after) is a person born on 29 February.
    const isCompany = i % 4000 !== 20 && rng.chance(0.06);
    let title = female ? (rng.chance(0.05) ? 'Dr' : rng.pick(['Mrs', 'Mrs', 'Ms', 'Miss'])) : rng.chance(0.05) ? 'Dr' : 'Mr';
    if (rng.chance(0.05)) title = '';
    let forename: string = firstName;
    let lastName: string = surname;
    let company = '';
    if (isCompany) {
      const area = rng.chance(0.3) ? rng.pick(LOCALITIES) : surname;
      company = `${area} ${rng.pick(COMPANY_TRADES)}${rng.chance(0.6) ? ' Ltd' : ''}`;
      if (rng.chance(0.4)) {
        title = '';
        forename = '';
        lastName = '';
      }
    }

    // Address
    const area = AREAS.pick(rng);
    const street = rng.pick(this.streets);
    let addr1 = `${rng.int(1, 180)} ${street}`;
    let addr2 = '';
    let addr3 = '';
    if (rng.chance(0.06)) {
      addr2 = addr1;
      addr1 = `Flat ${rng.int(1, 24)}, ${rng.pick(BUILDING_NAMES)}`;
      if (rng.chance(0.3)) addr3 = rng.pick(LOCALITIES);
    } else if (isCompany && rng.chance(0.5)) {
      addr2 = addr1;
      addr1 = `Unit ${rng.int(1, 30)} ${rng.pick(['Hurdsfield Industrial Estate', 'Lyme Green Business Park', 'Adlington Business Park'])}`;
    } else if (rng.chance(0.25)) {
      addr2 = rng.pick(LOCALITIES);
    }
    const district = rng.pick(area.districts);
    const postcode = `${district} ${rng.int(1, 9)}${rng.letters(POSTCODE_LETTERS, 2)}`;
    const county = rng.chance(0.65) ? area.county : '';
    const town = rng.chance(0.97) ? area.town : '';
    const hasAddress = rng.chance(0.96);

    // Phones and email
    const style = COMMON_STYLE.pick(rng);
    const mobile = rng.chance(0.8) ? spellPhone(this.mobileDigits(), rng.chance(0.8) ? style : COMMON_STYLE.pick(rng)) : '';
    const home = rng.chance(0.5) ? spellPhone(this.landlineDigits(), style) : '';
    const work = rng.chance(isCompany ? 0.7 : 0.12) ? spellPhone(this.landlineDigits(), COMMON_STYLE.pick(rng)) : '';
    const email = rng.chance(0.75) ? this.email(firstName, surname, isCompany ? company : '') : '';

    // Date of birth: most adults, some birthdays just around the as-of date, one on 29 February.
    let dob: number | null = null;
    if (!isCompany && (i % 4000 === 20 || rng.chance(0.65))) {
      const year = partsOf(A).year - rng.int(18, 88);
      if (i % 4000 === 20) dob = dayFromParts(year - (year % 4), 2, 29);
      else if (rng.chance(0.04)) {
        const p = partsOf(A + rng.int(-2, 5));
        dob = dayFromParts(year, p.month, Math.min(p.day, daysInMonth(year, p.month)));
      } else dob = dayFromParts(year, 1, 1) + rng.int(0, 364);
    }

    // Preferences and consent
    const preferred = PREFERRED.pick(rng);
    const flag = (p: number): string => (rng.chance(p) ? YES.pick(rng) : NO.pick(rng));
    const flags = [flag(0.02), flag(0.01), flag(0.015), flag(0.04), flag(0.04), flag(0.05), flag(0.55), flag(0.45)];

    // Where they stand: last visit from their jobs.
    const category = CATEGORY.pick(rng);
    let lastVisit: number | null = null;
    if (category === 'active') lastVisit = A - Math.floor(420 * Math.pow(rng.unit(), 1.6));
    else if (category === 'drifting') lastVisit = addMonths(A, -15) - rng.int(0, 29);
    else if (category === 'lapsing') lastVisit = addMonths(A, -16) - rng.int(1, 1100);

    const unitCount = category === 'never' ? 1 : UNITS_PER_CUSTOMER.pick(rng);
    const units: UnitDraft[] = [];
    for (let u = 0; u < unitCount; u++) units.push(this.unit(category, lastVisit));

    if (lastVisit !== null) this.history(code, units, lastVisit);
    if ((category === 'active' && rng.chance(0.1)) || (category === 'never' && rng.chance(0.2))) this.futureBooking(code, units);
    if (category === 'active' && rng.chance(0.02)) this.inProgress(code, units);

    for (const unit of units) this.units.push(this.unitRow(unit, code));

    const exportedLastVisit = lastVisit !== null && rng.chance(0.92) ? dmy(lastVisit) : '';
    this.customers.push([
      code, title, forename, lastName, company,
      hasAddress ? addr1 : '', hasAddress ? addr2 : '', addr3, town, county, hasAddress || rng.chance(0.5) ? postcode : '',
      home, work, mobile, email, dmy(dob), preferred, ...flags, exportedLastVisit,
    ]);

    if (rng.chance(0.18)) {
      const unit = rng.pick(units);
      const display = isCompany && !forename ? company : `${forename} ${lastName}`.trim();
      this.bookings.push({
        received: 0,
        minute: 0,
        code,
        vrm: rng.chance(0.7) ? unit.reg : unit.reg.replace(' ', ''),
        name: rng.chance(0.9) ? display : '',
        email: email || (rng.chance(0.5) ? this.email(firstName, surname, '') : ''),
        phone: mobile || home,
        preferred: null,
        unactioned: false,
      });
    }
  }

  mobileDigits(): string {
    const { rng } = this;
    // Was the drama range 07700 900xxx, which libphonenumber-js rejects; the same draws (so the
    // rest of the garage comes out as before) now give a number in a block it accepts.
    if (rng.chance(0.08)) return `07400900${rng.digits(3)}`;
    const [low, high] = rng.pick(MOBILE_BLOCKS);
    return `0${rng.int(low, high)}${rng.digits(6)}`;
  }

  landlineDigits(): string {
    return `${DRAMA_LANDLINES.pick(this.rng)}${this.rng.digits(3)}`;
  }

  email(first: string, last: string, company: string): string {
    const { rng } = this;
    const clean = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
    const f = clean(first);
    const l = clean(last);
    const domain = rng.pick(['example.com', 'example.com', 'example.com', 'example.org', 'example.org', 'example.net']);
    if (company) return `${rng.pick(['info', 'office', 'accounts', 'hello'])}@${domain}`;
    const style = rng.int(0, 9);
    let local: string;
    if (style < 5) local = `${f}.${l}`;
    else if (style < 7) local = `${f.charAt(0)}${l}`;
    else if (style < 8) local = `${f}${l}${rng.int(1, 99)}`;
    else if (style < 9) local = `${f}_${l}`;
    else local = `${l}${rng.int(60, 99)}`;
    const address = `${local}@${domain}`;
    return rng.chance(0.1) ? `${first.replace(/[^A-Za-z]/g, '')}.${last.replace(/[^A-Za-z]/g, '')}@${domain}` : address;
  }

  // -- units ----------------------------------------------------------------------------------

  registration(firstRegistered: number): string {
    const { rng } = this;
    const { year, month } = partsOf(firstRegistered);
    const yy = year % 100;
    const age = month >= 9 ? yy + 50 : month >= 3 ? yy : yy + 49;
    for (;;) {
      const reg = `${rng.pick(PLATE_AREAS)}${pad2(age % 100)} ${rng.letters(PLATE_LETTERS, 3)}`;
      if (!this.registrations.has(reg)) {
        this.registrations.add(reg);
        return reg;
      }
    }
  }

  unit(category: Category, lastVisit: number | null): UnitDraft {
    const { rng } = this;
    const A = this.asOf;
    const model = VEHICLES.pick(rng);
    const modelName = rng.pick(model.models);

    // Sold by this garage? Some 2 days ago, some on the 1st–4th anniversary (± 30 days).
    let sold: number | null = null;
    if (category === 'never' && rng.chance(0.6)) sold = A - (rng.chance(0.35) ? rng.int(2, 14) : rng.int(0, 60));
    else if (rng.chance(0.3)) {
      const kind = rng.unit();
      if (kind < 0.45) sold = addMonths(A, -12 * rng.int(1, 4)) + rng.int(-30, 30);
      else if (kind < 0.5) sold = A - (rng.chance(0.3) ? 2 : rng.int(0, 14));
      else sold = A - rng.int(15, 3000);
    }
    const isNew = sold !== null && rng.chance(0.45);
    const oldest = dayFromParts(2003, 3, 1);
    let firstRegistered: number;
    if (sold !== null) firstRegistered = isNew ? sold - rng.int(0, 7) : sold - rng.int(180, 3000);
    else {
      const ageDays = rng.chance(0.2) ? rng.int(30, 1095) : rng.chance(0.6) ? rng.int(1095, 2920) : rng.int(2920, 5800);
      firstRegistered = A - ageDays;
    }
    firstRegistered = Math.max(oldest, Math.min(firstRegistered, A - 1));
    const reg = this.registration(firstRegistered);

    // MOT: a new car's first MOT is its 3rd anniversary; otherwise spread over A−60 … A+400, or
    // stale (a year after the last visit) for customers who stopped coming.
    const firstMot = addMonths(firstRegistered, 36);
    let mot: number | null;
    const stale = (category === 'drifting' || category === 'lapsing') && lastVisit !== null && rng.chance(0.6);
    if (firstMot > A - 60) mot = firstMot;
    else if (stale && lastVisit !== null) mot = lastVisit + rng.int(180, 365);
    else mot = A - 60 + rng.int(0, 460);
    if (rng.chance(0.04)) mot = null;

    let plan = SERVICE_PLAN.pick(rng);
    if (plan === 'lastOnly' && lastVisit === null) plan = 'none';
    if (plan === 'combined' && mot === null) plan = 'separate';
    let nextService: number | null = null;
    if (plan === 'combined' && mot !== null) nextService = mot + rng.int(-25, 25);
    else if (plan === 'separate') nextService = stale && lastVisit !== null ? lastVisit + rng.int(300, 400) : A - 60 + rng.int(0, 460);

    // Warranty: the maker's from first registration, a year's dealer warranty on a used sale;
    // a few end 30–65 days after the as-of date whatever else is true.
    let warranty: number | null = null;
    if (sold !== null) warranty = isNew ? addMonths(firstRegistered, 12 * model.warrantyYears) : rng.chance(0.6) ? addMonths(sold, 12) : null;
    else if (rng.chance(0.5)) {
      const makers = addMonths(firstRegistered, 12 * model.warrantyYears);
      if (makers > A - 365) warranty = makers;
    }
    if (rng.chance(0.03)) warranty = A + rng.int(28, 65);

    // Finance: a third of sales on a 3- or 4-year agreement; a few end 55–95 days ahead.
    let finance: number | null = null;
    if (sold !== null) {
      if (rng.chance(0.1)) finance = A + rng.int(55, 95);
      else if (rng.chance(0.33)) finance = addMonths(sold, rng.chance(0.5) ? 36 : 48);
    }

    const years = (A - firstRegistered) / 365.25;
    const mileage = rng.chance(0.05) ? '' : String(Math.round(years * rng.int(5000, 12000)) + rng.int(5, 2000));

    return {
      reg,
      model,
      modelName,
      vin: `${model.wmi}${rng.letters(VIN_ALPHABET, 14)}`,
      firstRegistered,
      mot,
      nextService,
      lastService: null,
      plan,
      sold,
      salesperson: sold !== null && rng.chance(0.95) ? rng.pick(SALES_STAFF) : '',
      warranty,
      finance,
      mileage,
    };
  }

  unitRow(unit: UnitDraft, code: string): string[] {
    // Different DMS screens write dates differently; a few rows have them the other way round.
    const flip = this.rng.chance(0.12);
    const long = flip ? dmy : dMonY;
    const short = flip ? dMonY : dmy;
    return [
      unit.reg, code, unit.model.make, unit.modelName, unit.vin, long(unit.firstRegistered), short(unit.mot),
      short(unit.nextService), short(unit.lastService), long(unit.sold), unit.salesperson, long(unit.warranty),
      long(unit.finance), unit.mileage,
    ];
  }

  // -- jobs -----------------------------------------------------------------------------------

  price(work: { low: number; high: number }): string {
    if (work.low === work.high) return work.low.toFixed(2);
    return (this.rng.int(Math.round(work.low * 100), Math.round(work.high * 100)) / 100).toFixed(2);
  }

  completedJob(code: string, unit: UnitDraft, completed: number, work: Work): JobDraft {
    const { rng } = this;
    const A = this.asOf;
    const appointment = rng.chance(0.88) ? completed : completed - rng.int(1, 2);
    const lead = rng.unit();
    const booked = appointment - (lead < 0.2 ? 0 : lead < 0.45 ? rng.int(1, 3) : lead < 0.85 ? rng.int(4, 14) : rng.int(15, 35));
    const status = completed >= A - 7 ? (rng.chance(0.6) ? 'Complete' : 'Invoiced') : rng.chance(0.9) ? 'Invoiced' : 'Complete';
    const job: JobDraft = {
      seq: this.jobSeq++,
      code,
      reg: unit.reg,
      booked,
      appointment,
      completed,
      status,
      staff: ADVISOR.pick(rng),
      description: work.text,
      value: this.price(work),
      jobNo: '',
    };
    this.jobs.push(job);
    if (work.service && (unit.lastService === null || completed > unit.lastService)) unit.lastService = completed;
    if (rng.chance(0.07)) {
      this.advisory(job);
      if (rng.chance(0.25)) this.advisory(job);
    }
    return job;
  }

  /** The jobs behind a customer's visits: each unit's last MOT and service, the last visit itself, and other work. */
  history(code: string, units: UnitDraft[], lastVisit: number): void {
    const { rng } = this;
    const earliest = lastVisit - 730;
    const visits: { unit: UnitDraft; day: number; work: Work }[] = [];
    for (const unit of units) {
      let service: number | null = null;
      if (unit.nextService !== null) service = addMonths(unit.nextService, -12);
      else if (unit.plan === 'lastOnly') service = lastVisit - rng.int(0, 380);
      if (service !== null && (service > lastVisit || service < earliest || service < unit.firstRegistered)) service = null;

      let mot: number | null = null;
      if (unit.mot !== null) {
        mot = addMonths(unit.mot, -12) - rng.int(0, 20);
        if (mot > lastVisit || mot < earliest || mot < addMonths(unit.firstRegistered, 36)) mot = null;
      }
      if (service !== null && mot !== null && Math.abs(service - mot) <= 21) {
        visits.push({ unit, day: Math.min(service, mot), work: rng.pick(MOT_SERVICE_WORK) });
      } else {
        if (service !== null) visits.push({ unit, day: service, work: rng.pick(SERVICE_WORK) });
        if (mot !== null) visits.push({ unit, day: mot, work: rng.pick(MOT_WORK) });
      }
    }
    if (!visits.some((v) => v.day === lastVisit)) visits.push({ unit: rng.pick(units), day: lastVisit, work: OTHER_WORK.pick(rng) });
    const target = COMPLETED_JOBS.pick(rng);
    for (let k = visits.length; k < target; k++) {
      const unit = rng.pick(units);
      const from = Math.max(earliest, unit.firstRegistered);
      if (from >= lastVisit) continue;
      visits.push({ unit, day: rng.int(from, lastVisit - 1), work: OTHER_WORK.pick(rng) });
    }
    for (const v of visits) this.completedJob(code, v.unit, v.day, v.work);
  }

  /** Booked in: appointment after the as-of date, some tomorrow, some booked in the last 3 days. */
  futureBooking(code: string, units: UnitDraft[]): void {
    const { rng } = this;
    const A = this.asOf;
    const motSoon = units.find((u) => u.mot !== null && u.mot >= A && u.mot <= A + 10);
    const unit = motSoon && rng.chance(0.5) ? motSoon : rng.pick(units);
    const when = rng.unit();
    const appointment = when < 0.22 ? A + 1 : when < 0.6 ? A + rng.int(2, 7) : A + rng.int(8, 35);
    const booked = rng.chance(0.4) ? A - rng.int(0, 3) : Math.min(A, appointment - rng.int(4, 28));
    const work = unit === motSoon ? rng.pick(MOT_WORK) : OTHER_WORK.pick(rng);
    this.jobs.push({
      seq: this.jobSeq++,
      code,
      reg: unit.reg,
      booked,
      appointment,
      completed: null,
      status: 'Booked',
      staff: ADVISOR.pick(rng),
      description: work.text,
      value: rng.chance(0.5) ? this.price(work) : '',
      jobNo: '',
    });
  }

  /** In the workshop today or since yesterday: not out yet. */
  inProgress(code: string, units: UnitDraft[]): void {
    const { rng } = this;
    const appointment = this.asOf - rng.int(0, 1);
    const work = OTHER_WORK.pick(rng);
    this.jobs.push({
      seq: this.jobSeq++,
      code,
      reg: rng.pick(units).reg,
      booked: appointment - rng.int(0, 14),
      appointment,
      completed: null,
      status: 'In Progress',
      staff: ADVISOR.pick(rng),
      description: work.text,
      value: '',
      jobNo: '',
    });
  }

  // -- advisories -----------------------------------------------------------------------------

  advisory(job: JobDraft): void {
    const { rng } = this;
    const A = this.asOf;
    const jobDay = job.completed ?? A;
    const item = rng.pick(ADVISORY_WORK);
    const rag = rng.chance(0.8) ? item.rag : rng.pick(['Red', 'Amber', 'Green']);
    const recent = jobDay >= A - 180;
    const s = rng.unit();
    const status = recent ? (s < 0.7 ? 'Open' : s < 0.9 ? 'Done' : 'Declined') : s < 0.35 ? 'Open' : s < 0.75 ? 'Done' : 'Declined';
    let due: number | null;
    if (status === 'Open' && jobDay >= A - 200 && rng.chance(0.4)) due = Math.max(jobDay, A + rng.int(0, 14));
    else if (rng.chance(0.38)) due = null;
    else if (rag === 'Red') due = jobDay + rng.int(0, 30);
    else if (rag === 'Amber') due = addMonths(jobDay, rng.int(1, 6));
    else due = addMonths(jobDay, rng.int(3, 12));
    this.advisories.push({ job, work: item.text, rag, due, status, estimate: rng.chance(0.08) ? '' : this.price(item) });
  }

  // -- booking requests -----------------------------------------------------------------------

  unknownBooking(): void {
    const { rng } = this;
    const female = rng.chance(0.5);
    const first = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const last = rng.pick(SURNAMES);
    const year = partsOf(this.asOf).year - rng.int(0, 12);
    this.bookings.push({
      received: 0,
      minute: 0,
      code: '',
      vrm: rng.chance(0.7) ? this.registration(dayFromParts(year, rng.int(1, 12), rng.int(1, 28))) : '',
      name: `${first} ${last}`,
      email: rng.chance(0.8) ? this.email(first, last, '') : '',
      phone: rng.chance(0.9) ? spellPhone(this.mobileDigits(), COMMON_STYLE.pick(rng)) : '',
      preferred: null,
      unactioned: false,
    });
  }

  /** Received over the last three weeks; the newest mostly still waiting. Four are forced: unactioned at 0, 1, 2 and 5 days old. */
  bookingRows(): string[][] {
    const { rng } = this;
    const A = this.asOf;
    const forced = [0, 1, 2, 5];
    this.bookings.forEach((b, k) => {
      const age = k < forced.length ? (forced[k] as number) : rng.int(0, 21);
      b.received = A - age;
      const web = rng.chance(0.4);
      b.minute = web ? (rng.chance(0.5) ? rng.int(18 * 60, 23 * 60 + 59) : rng.int(6 * 60, 8 * 60 + 29)) : rng.int(8 * 60 + 30, 17 * 60 + 29);
      const waiting = age === 0 ? 0.85 : age === 1 ? 0.5 : age === 2 ? 0.25 : age <= 6 ? 0.08 : 0.02;
      b.unactioned = k < forced.length || rng.chance(waiting);
      b.preferred = rng.chance(0.9) ? b.received + rng.int(2, 21) : null;
    });
    const order = this.bookings.map((b, k) => ({ b, k }));
    order.sort((x, y) => x.b.received - y.b.received || x.b.minute - y.b.minute || x.k - y.k);

    const status = new Weighted<string>([['Booked', 58], ['Declined', 24], ['Cancelled', 18]]);
    const waitingStatus = new Weighted<string>([['New', 60], ['', 20], ['Pending', 20]]);
    const declinedReason = new Weighted<string>([
      ['Price too high', 35], ['Could not get a convenient date', 25], ['Went elsewhere', 20], ['Poor communication', 10],
      ['Waited too long for a reply', 10],
    ]);
    const cancelledReason = new Weighted<string>([
      ['Vehicle sold', 25], ['Went elsewhere', 25], ['Could not get a convenient date', 25], ['Poor communication', 15],
      ['Price too high', 10],
    ]);
    return order.map(({ b }, n) => {
      let st: string;
      let outcome = '';
      let reason = '';
      let actioned: number | null = null;
      let actionedMinute = 0;
      let takenBy = '';
      if (b.unactioned) {
        st = waitingStatus.pick(rng);
        if (rng.chance(0.3)) takenBy = ADVISOR.pick(rng);
      } else {
        st = status.pick(rng);
        const lag = rng.unit();
        actioned = Math.min(A, b.received + (lag < 0.55 ? 0 : lag < 0.85 ? 1 : lag < 0.95 ? 2 : rng.int(3, 5)));
        actionedMinute = actioned === b.received ? Math.min(23 * 60 + 59, b.minute + rng.int(5, 240)) : rng.int(8 * 60 + 30, 17 * 60 + 29);
        takenBy = ADVISOR.pick(rng);
        if (st === 'Booked') {
          outcome = `Booked in for ${dmy(b.preferred ?? actioned + rng.int(1, 14))}`;
          if (rng.chance(0.05)) reason = 'Could not get a convenient date';
        } else if (st === 'Declined') {
          outcome = rng.pick(['Customer declined quote', 'Declined - price', 'Customer will call back', 'Not proceeding']);
          if (rng.chance(0.85)) reason = declinedReason.pick(rng);
        } else {
          outcome = rng.pick(['Cancelled by customer', 'Customer cancelled by email', 'No longer required']);
          if (rng.chance(0.85)) reason = cancelledReason.pick(rng);
        }
      }
      return [
        `BR${5001 + n}`, dmyTime(b.received, b.minute), b.code, b.vrm, b.name, b.email, b.phone, dmy(b.preferred), st,
        outcome, reason, dmyTime(actioned, actionedMinute), takenBy,
      ];
    });
  }

  jobRows(): string[][] {
    // WIP numbers go up with the booking date, as a DMS issues them.
    const key = (j: JobDraft) => j.booked ?? j.appointment ?? j.completed ?? 0;
    this.jobs.sort((a, b) => key(a) - key(b) || a.seq - b.seq);
    return this.jobs.map((j, n) => {
      j.jobNo = `J${100001 + n}`;
      return [j.jobNo, j.code, j.reg, dmy(j.booked), dmy(j.appointment), dmy(j.completed), j.status, j.staff, j.description, j.value];
    });
  }

  advisoryRows(): string[][] {
    const rows = this.advisories.map((a) => ({ no: a.job.jobNo, row: [a.job.jobNo, a.job.reg, a.job.code, a.work, a.rag, dmyShort(a.due), a.status, a.estimate] }));
    rows.sort((x, y) => (x.no < y.no ? -1 : x.no > y.no ? 1 : 0));
    return rows.map((r) => r.row);
  }
}

/**
 * One fictional garage's five exports, deterministic for `seed`, shaped around `asOf`.
 * Roughly per customer: 1.4 units, 3.7 jobs, 0.3 advisories, 0.2 booking requests.
 */
export function generateGarage(options: GarageOptions): GarageExports {
  if (!Number.isInteger(options.customers) || options.customers < 1) throw new Error('customers must be a positive whole number');
  const g = new GarageGenerator(options);
  g.run();
  const jobs = g.jobRows();
  const advisories = g.advisoryRows();
  const bookings = g.bookingRows();
  return {
    seed: options.seed,
    asOf: options.asOf,
    customerCount: options.customers,
    customers: { headers: CUSTOMER_HEADERS, rows: g.customers },
    units: { headers: UNIT_HEADERS, rows: g.units },
    jobs: { headers: JOB_HEADERS, rows: jobs },
    advisories: { headers: ADVISORY_HEADERS, rows: advisories },
    bookings: { headers: BOOKING_HEADERS, rows: bookings },
  };
}
