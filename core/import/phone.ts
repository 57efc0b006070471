/**
 * UK phone numbers → E.164 for sending, UK spelling for reading, mobile or landline.
 *
 * libphonenumber-js decides every number, from its own numbering-plan data. Its parse builds
 * each regular expression afresh on every call (about 20 µs a number, measured), which for a
 * 100,000-customer export costs more than reading the files; so for +44 numbers we compile its
 * patterns for Great Britain, Guernsey, Jersey and the Isle of Man once and apply them the way it
 * does. Numbers written from abroad go to its full parse. A test holds the two paths equal.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import * as phoneCore from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import type { Phone, PhoneKind } from '../records.ts';

export type PhoneRead = { phone: Phone } | { problem: 'phone_invalid' | 'phone_is_email'; reason: string };

interface PatternMetadata {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface FormatMetadata {
  pattern(): string;
  format(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
}
interface PlanMetadata {
  selectNumberingPlan(country: string): void;
  numberingPlan: {
    nationalNumberPattern(): string;
    formats(): FormatMetadata[];
    type(name: string): PatternMetadata | undefined;
  };
}
const { Metadata } = phoneCore as unknown as { Metadata: new (json: unknown) => PlanMetadata };

/** The countries sharing +44 whose numbers we accept as UK: Great Britain, Guernsey, Jersey, Isle of Man. */
const UK_COUNTRIES: readonly CountryCode[] = ['GB', 'GG', 'JE', 'IM'];

const NON_FIXED_TYPES = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

interface CompiledType {
  name: string;
  pattern: RegExp;
  lengths: number[] | undefined;
}
interface CompiledFormat {
  leading: RegExp | null;
  pattern: RegExp;
  replacement: string;
}

interface CompiledPlan {
  country: CountryCode;
  valid: RegExp;
  fixedLine: CompiledType | null;
  others: CompiledType[];
  formats: CompiledFormat[];
}

/** One +44 country's plan from libphonenumber's metadata, compiled once. */
function compilePlan(country: CountryCode): CompiledPlan {
  const md = new Metadata(metadata);
  md.selectNumberingPlan(country);
  const plan = md.numberingPlan;
  const compile = (name: string): CompiledType | null => {
    const type = plan.type(name);
    const source = type?.pattern();
    return type && source ? { name, pattern: new RegExp(`^(?:${source})$`), lengths: type.possibleLengths() } : null;
  };
  return {
    country,
    valid: new RegExp(`^(?:${plan.nationalNumberPattern()})$`),
    fixedLine: compile('FIXED_LINE'),
    others: NON_FIXED_TYPES.map(compile).filter((t): t is CompiledType => t !== null),
    formats: plan.formats().map((f): CompiledFormat => {
      const leading = f.leadingDigitsPatterns();
      const last = leading[leading.length - 1];
      const rule = f.nationalPrefixFormattingRule();
      // As libphonenumber formats nationally: the prefix rule ("0$1") replaces the first group.
      const replacement = rule ? f.format().replace(/\$1/, rule.replace(/\$NP/g, '0').replace(/\$FG/g, '$1')) : f.format();
      return { leading: last ? new RegExp(`^(?:${last})`) : null, pattern: new RegExp(`^(?:${f.pattern()})$`), replacement };
    }),
  };
}

/** GB first, as libphonenumber tries them: a number valid in GB's plan is GB's. */
const UK_PLANS = UK_COUNTRIES.map(compilePlan);

function matchesType(nsn: string, type: CompiledType | null): boolean {
  if (!type) return false;
  if (type.lengths && !type.lengths.includes(nsn.length)) return false;
  return type.pattern.test(nsn);
}

function kindOf(typeName: string | undefined): PhoneKind {
  if (typeName === 'MOBILE') return 'mobile';
  if (typeName === 'FIXED_LINE' || typeName === 'FIXED_LINE_OR_MOBILE') return 'landline';
  return 'other';
}

/** The national significant number when the text is written the way UK numbers are, else null. */
function ukNationalNumber(text: string): string | null {
  const digits = text.replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  if (digits.startsWith('+44')) return digits.slice(3);
  if (digits.startsWith('0044')) return digits.slice(4);
  if (digits.startsWith('44') && digits.length === 12) return digits.slice(2);
  if (digits.startsWith('0') && !digits.startsWith('00')) return digits.slice(1);
  return null;
}

function typeIn(plan: CompiledPlan, nsn: string): string | undefined {
  if (!plan.valid.test(nsn)) return undefined;
  if (matchesType(nsn, plan.fixedLine)) return 'FIXED_LINE';
  return plan.others.find((t) => matchesType(nsn, t))?.name;
}

/** The +44 fast path: a Phone when one of the UK plans says the number is valid, else null (not a valid UK number). */
function readUkNumber(nsn: string): Phone | null {
  for (const plan of UK_PLANS) {
    const type = typeIn(plan, nsn);
    if (!type) continue;
    const format = plan.formats.find((f) => (!f.leading || f.leading.test(nsn)) && f.pattern.test(nsn));
    const display = format ? nsn.replace(format.pattern, format.replacement) : `0${nsn}`;
    return { e164: `+44${nsn}`, display, kind: kindOf(type) };
  }
  return null;
}

/** Reads one phone cell. UK numbers in any common spelling; abroad only when written with +. */
export function readPhone(text: string): PhoneRead {
  if (text.includes('@')) return { problem: 'phone_is_email', reason: 'an email address, not a phone number' };
  const nsn = ukNationalNumber(text);
  if (nsn !== null) {
    const phone = readUkNumber(nsn);
    return phone ? { phone } : { problem: 'phone_invalid', reason: 'not a valid UK phone number' };
  }
  const phone = libraryPhone(text);
  return phone ? { phone } : { problem: 'phone_invalid', reason: 'not a valid phone number' };
}

/** libphonenumber-js's full parse: for numbers written from abroad, and as the yardstick in tests. */
function libraryPhone(text: string): Phone | null {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'GB', extract: false });
  if (!parsed || !parsed.isValid()) return null;
  const uk = parsed.country !== undefined && UK_COUNTRIES.includes(parsed.country);
  return { e164: parsed.number, display: uk ? parsed.formatNational() : parsed.formatInternational(), kind: uk ? kindOf(parsed.getType()) : 'other' };
}

/** What libphonenumber alone says, for the test that keeps the fast path honest. */
export function readPhoneSlowly(text: string): Phone | null {
  const nsn = ukNationalNumber(text);
  return libraryPhone(nsn !== null ? `+44${nsn}` : text);
}
