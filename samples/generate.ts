/**
 * `npm run samples`: regenerates the demo garage's exports in samples/ from a fixed seed, and
 * samples/README.md describing them (with the row of every deliberate quirk). Byte-identical on
 * every run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGarage, type GarageExports } from './generator.ts';
import type { QuirkNote } from './quirks.ts';
import { FILE_NAMES, writeExportsCsv } from './write-exports.ts';

export const SAMPLE_SEED = 20261116;
export const SAMPLE_CUSTOMERS = 300;
export const SAMPLE_AS_OF = '2026-11-16';

const here = fileURLToPath(new URL('.', import.meta.url));

const exports = generateGarage({ seed: SAMPLE_SEED, customers: SAMPLE_CUSTOMERS, asOf: SAMPLE_AS_OF });
const { files, notes, written } = await writeExportsCsv(here, exports, { quirks: true, jobsAsXlsx: true });
writeFileSync(join(here, 'README.md'), readme(written, notes));
process.stdout.write(`${files.map((f) => f.slice(here.length)).join(', ')} and README.md written to samples/\n`);

function readme(g: GarageExports, quirkNotes: QuirkNote[]): string {
  const rows = {
    customers: g.customers.rows.length,
    units: g.units.rows.length,
    jobs: g.jobs.rows.length,
    advisories: g.advisories.rows.length,
    bookings: g.bookings.rows.length,
  };
  const fileOf: Record<QuirkNote['kind'], string> = {
    customers: FILE_NAMES.customers,
    units: FILE_NAMES.units,
    jobs: FILE_NAMES.jobsXlsx,
    advisories: FILE_NAMES.advisories,
    bookings: FILE_NAMES.bookings,
  };
  const cell = (text: string) => (text === '' ? '*(blank)*' : `\`${text.replace(/\n/g, '⏎').replace(/\|/g, '\\|')}\``);
  const quirkRows = quirkNotes.map((n) => `| ${fileOf[n.kind]} | ${n.row} | ${n.key || '*(blank)*'} | ${n.column} | ${cell(n.value)} | ${n.what} |`);

  return `# The sample garage

<!-- Written by samples/generate.ts (npm run samples): edit the generator, not this file. -->

One fictional garage's dealer-management-system exports, for the demo (\`npm start\`), the tests and
anyone trying Retention Desk without their own data. Every person, address, phone number, email,
registration and VIN in them is made up.

- **Seed** ${g.seed}, **${g.customerCount} customers**, **as-of date ${g.asOf}** (16 November 2026): the
  data is shaped around that date, so \`retention build samples --as-of ${g.asOf}\` shows every kind of
  contact due (except Christmas greetings, which are due only from 4 to 18 December).
- **Regenerate** with \`npm run samples\` (\`tsx samples/generate.ts\`). The output is byte-identical on
  every run and every machine: all randomness comes from one seeded faker (en_GB locale), all dates
  are worked out from the as-of date with UTC calendar arithmetic, and the workbook's own dates and
  zip timestamps are fixed to the as-of date.
- The generator is \`samples/generator.ts\` (\`generateGarage({ seed, customers, asOf })\`), the
  quirks \`samples/quirks.ts\`, the writers \`samples/write-exports.ts\`. The benchmark uses the same
  generator at 100,000 customers, without the quirks (same encodings and line
  ends, with jobs.csv instead of jobs.xlsx).

## Files

| file | holds | rows | encoding | line ends | dates |
|---|---|---:|---|---|---|
| \`${FILE_NAMES.customers}\` | customers | ${rows.customers} | **Windows-1252** | CRLF | dd/mm/yyyy |
| \`${FILE_NAMES.units}\` | units (vehicles) | ${rows.units} | UTF-8 **with BOM** | CRLF | dd/mm/yyyy and 12-Mar-2024, mixed |
| \`${FILE_NAMES.jobsXlsx}\` | jobs, sheet "Jobs" | ${rows.jobs} | XLSX | — | real Excel date cells; Value a number cell |
| \`${FILE_NAMES.advisories}\` | advisories | ${rows.advisories} | UTF-8, no BOM | LF | dd/mm/yy |
| \`${FILE_NAMES.bookings}\` | booking requests | ${rows.bookings} | UTF-8, no BOM | CRLF | dd/mm/yyyy HH:mm (received, actioned), dd/mm/yyyy |

Rows are records, not counting the header (a quoted field may span lines). Dates are always day
first, never month first. Each file spells its headers its own way, as real exports do:

- **customers.csv**: ${g.customers.headers.join(', ')}
- **vehicles.csv**: ${g.units.headers.join(', ')}
- **jobs.xlsx**: ${g.jobs.headers.join(', ')}
- **advisories.csv**: ${g.advisories.headers.join(', ')}
- **booking-requests.csv**: ${g.bookings.headers.join(', ')}

Codes: customers \`C00001\`…, jobs (WIP numbers, rising with the booking date) \`J100001\`…,
booking requests \`BR5001\`… (oldest first). Registrations are current-style \`AB12 CDE\` with the
age identifier of the first registration date; VINs are 17 characters.

## What is in it, around the as-of date

- **Customers**: about 70% active (last visit within 14 months, more of them recent), 5% drifting
  (last visit 15 months before the as-of date, within the 30 days the drifting letter is due), 20%
  lapsing (16 months to four years), 5% never visited (mostly buyers of a car in the last two months).
  The last visit is the latest completed job; the export's own Last Visit column agrees, or is blank.
- **Dates of birth** for about two thirds; a few birthdays fall 2 days before to 5 days after the
  as-of date; one customer (C00020) was born on 29 February.
- **Contact preferences**: Preferred Contact is Email, SMS, Text, Letter, Post or blank; the yes/no
  columns are spelled Y, Yes, TRUE, 1 or X for yes and N, No or blank for no. A few customers are
  Do Not Contact, Deceased or Gone Away; about half consent to email and SMS marketing.
- **Units** (about 1.4 a customer): MOT due dates spread over the as-of date −60 … +400 days (a
  car under three years old has its first MOT on the third anniversary of registration; customers
  who stopped coming have stale, past dates). About a third have the next service within 25 days of
  the MOT (the combined MOT & service reminder); some have only a last service date (service due a
  year after it); some neither. Sales: some 2 days ago, some 1–4 years ago ± 30 days (the sales
  follow-ups), warranties ending 30–65 days ahead, finance agreements ending 55–95 days ahead.
- **Jobs** (about 3.8 a customer): each unit's last MOT and service, the customer's last visit and
  other work over the two years before it; status Invoiced or Complete (Date Out set), some completed
  in the last week; about 10% of active customers booked in (status Booked, appointment after the
  as-of date — some tomorrow, some booked in the last 3 days, some for a unit whose MOT is due this
  week); a few In Progress (in today or yesterday, not out). Service advisors: Sarah Whitfield, Tom
  Okafor, Priya Shah, Dave Brennan, spread over every week and month. Salespeople (units): Mark
  Ellison, Jo Pritchard, Gareth Lloyd.
- **Advisories** (about 0.3 a customer): RAG Red, Amber or Green; status Open, Done or Declined;
  some open ones due within the next two weeks; over a third with no due date (the advisory rule then
  uses the job's date + 3 months).
- **Booking requests** (about 0.2 a customer) received over the last three weeks, with times; the
  newest mostly unactioned, and four forced unactioned at 0, 1, 2 and 5 days old; the rest Booked,
  Declined or Cancelled with an Actioned At and Taken By. Dissatisfaction reasons, from a fixed list
  (Price too high, Could not get a convenient date, Went elsewhere, Poor communication, Vehicle sold,
  Waited too long for a reply), on most declined and cancelled requests.

## Deliberate quirks

Real exports are messy, so these are too. Besides the table below:

- **Phone numbers** in every common UK spelling, across all rows of customers.csv and
  booking-requests.csv: \`0161 496 0123\`, \`01614960123\`, \`+44 161 496 0123\`, \`+441614960123\`,
  \`(0161) 496 0123\`, \`0161-496-0123\`, \`44 161 496 0123\`, \`0044 161 496 0123\`,
  \`+44 (0)161 496 0123\` (and the same for mobiles).
- **Blank fields** everywhere a DMS leaves them: no email for about a quarter, no mobile for a
  fifth, no home phone for half, no address line for a few, no county for a third.
- **Units on the duplicate code**: the first customer on the duplicate code keeps their own units,
  and the second has one more (listed below).
- **Fields that must be quoted**: addresses like \`Flat 3, Albion Court\` and job descriptions like
  \`Wiper blades, bulbs & screenwash\` hold commas throughout, besides the rows below.

Rows are as a spreadsheet shows them: the header is row 1.

| file | row | key | column | value | quirk |
|---|---:|---|---|---|---|
${quirkRows.join('\n')}

## Fictional by construction

- Emails only at example.com, example.org and example.net.
- Landlines only in Ofcom's drama ranges (0113/0114/0115/0116/0117/0118/0121/0131/0141/0151/0161
  496 0xxx, 0191 498 0xxx, 020 7946 0xxx, 028 9649 6xxx, 029 2018 0xxx).
- Mobiles are made-up numbers, **not meant to be dialled**: most in 07400–07599, 07701–07899 and
  07950–07999, which libphonenumber-js (max metadata) accepts as valid UK mobiles, so the mobile
  and SMS logic has something to work with; a minority (about 8%) in Ofcom's drama range 07700
  900xxx, which libphonenumber-js does not accept as a valid mobile — the import should say so.
- Names are common British first names and surnames picked at random; addresses are real street
  names, towns and postcode districts around Macclesfield with random house numbers and postcode
  units. Registrations and VINs are random in the right shape.
`;
}
