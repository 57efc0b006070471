/**
 * One due contact's message, ready for its channel — or the reason that row cannot be sent.
 *
 * The template says what the garage wants to say; this adds what the law and the channel need and
 * no template may forget: the opt-out on marketing (PECR), the List-Unsubscribe headers, SMS
 * text made plain and counted, a subject on one line (a name with a line break in it must not
 * start a new mail header).
 */
import Handlebars from 'handlebars';
import type { DueAction } from '../results.ts';
import type { Problem, ProblemCode, Result } from '../problems.ts';
import type { GarageSettings } from '../settings.ts';
import type { GarageIndex } from '../garage-index.ts';
import { mergeContextFor, type MergeContext } from './merge-context.ts';
import { fixFor, mergeData, missingReason } from './merge-fields.ts';
import { countSms, normaliseSmsText, type SmsEncoding } from './sms.ts';
import { PARTS_FOR_METHOD, templateFile, type CompiledPart, type CompiledTemplates, type TemplatePart } from './templates.ts';

export interface RenderedEmail {
  channel: 'email';
  /** One line. */
  subject: string;
  html: string;
  text: string;
  /** Extra mail headers: List-Unsubscribe (and List-Unsubscribe-Post for one click) on marketing; none on service. */
  headers: Record<string, string>;
}

export interface RenderedSms {
  channel: 'sms';
  /** Normalised, with the opt-out line on marketing: exactly what is sent and counted. */
  text: string;
  segments: number;
  encoding: SmsEncoding;
}

export interface RenderedLetter {
  channel: 'letter';
  /** "Dear Mrs Harrison," */
  salutation: string;
  /** The body, paragraph by paragraph (a paragraph may hold line breaks). */
  paragraphs: string[];
  /** Lines under the body: "Yours sincerely,", then the signer (when set), then the garage. Leave room for a signature after the first. */
  signOff: string[];
  /** Marketing letters: how to stop them, printed after the sign-off. */
  optOut?: string;
}

/** What the channels take: email, SMS and letter, each as its channel sends it. */
export type RenderedMessage = RenderedEmail | RenderedSms | RenderedLetter;

/** Thrown inside a render to stop the row; never leaves this file. */
class RowStops extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }
}

function rowProblem(action: DueAction, code: ProblemCode, reason: string, fix: string): Problem {
  return {
    source: 'message',
    code,
    message: `${action.contactDue} for ${action.name || action.code} not sent: ${reason}. ${fix}`,
    where: { sheet: 'Due Actions', rule: action.ruleId, actionId: action.actionId },
    value: '',
    action: 'row not sent',
  };
}

function renderPart(part: CompiledPart, data: Record<string, unknown>): string {
  try {
    return part.render(data);
  } catch (error) {
    // Strict mode names only the last part of the path ("motDue"), and where it is: the place gives the whole path.
    const e = error as { lineNumber?: number; column?: number; message?: string };
    const path = e.lineNumber !== undefined && e.column !== undefined ? part.pathAt(e.lineNumber, e.column) : undefined;
    // Anything else the template library refuses stops this row, not the whole run.
    if (!path) throw new RowStops('template_invalid', `its template could not be filled in (${e.message ?? String(error)})`, 'Correct the template in templates/.');
    throw new RowStops('merge_value_missing', missingReason(path, data), fixFor(path));
  }
}

const isHttps = (link: string) => /^https:\/\/[^\s<>"]+$/i.test(link);

/** The link with this customer's code added, so one click unsubscribes the right person; '' when it is no link. */
function unsubscribeUrl(link: string, customerCode: string): string {
  if (!isHttps(link)) return '';
  try {
    const url = new URL(link);
    url.searchParams.set('customer', customerCode);
    return url.toString();
  } catch {
    return '';
  }
}

interface OptOut {
  link: string;
  mailbox: string;
}

function optOutFor(settings: GarageSettings, customerCode: string): OptOut {
  const link = settings.unsubscribeLink?.trim() ?? '';
  return {
    link: unsubscribeUrl(link, customerCode),
    mailbox: (settings.unsubscribeMailbox?.trim() || settings.senderMailbox.trim()).replace(/[\s<>]/g, ''),
  };
}

const NO_OPT_OUT = (what: string) =>
  new RowStops('opt_out_missing', `a marketing ${what} must say how to opt out, and Settings give no way`, 'Fill in the unsubscribe link, unsubscribe mailbox or SMS opt-out number on the Settings sheet.');

// The template library's own escaping, the same the templates' {{ }} get.
const escapeHtml = (text: string) => Handlebars.Utils.escapeExpression(text);

function email(parts: Map<TemplatePart, CompiledPart>, data: Record<string, unknown>, action: DueAction, context: MergeContext): RenderedEmail {
  const subject = renderPart(parts.get('email.subject')!, data).replace(/\s+/g, ' ').trim();
  let html = renderPart(parts.get('email.html')!, data).trim();
  let text = renderPart(parts.get('email.txt')!, data).trim();
  const headers: Record<string, string> = {};
  if (action.purpose === 'marketing') {
    const { link, mailbox } = optOutFor(context.settings, context.customer.code);
    if (!link && !mailbox) throw NO_OPT_OUT('email');
    const mailto = mailbox ? `mailto:${mailbox}?subject=${encodeURIComponent(`Unsubscribe ${context.customer.code}`)}` : '';
    headers['List-Unsubscribe'] = [link, mailto].filter(Boolean).map((uri) => `<${uri}>`).join(', ');
    if (link) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    const target = link || mailto;
    const words = link ? 'unsubscribe here' : `email ${mailbox}`;
    text += `\n\nDon't want emails like this? To stop them, ${link ? `visit ${link}` : `email ${mailbox} with the subject "Unsubscribe"`}.`;
    const line = `<p style="font-size:small;color:#666">Don't want emails like this? To stop them, <a href="${escapeHtml(target)}">${escapeHtml(words)}</a>.</p>`;
    // Inside the template's wrapper when it has one, so it takes the same font.
    html = html.endsWith('</div>') ? `${html.slice(0, -'</div>'.length)}${line}\n</div>` : `${html}\n${line}`;
  }
  return { channel: 'email', subject, html, text, headers };
}

function sms(parts: Map<TemplatePart, CompiledPart>, data: Record<string, unknown>, action: DueAction, context: MergeContext): RenderedSms {
  let body = renderPart(parts.get('sms')!, data).trim().replace(/[ \t]*\n[ \t]*/g, '\n');
  if (action.purpose === 'marketing') {
    // A named sender cannot take a reply, so the line names a number to text or a link.
    const number = context.settings.smsOptOutNumber?.trim() ?? '';
    const { link } = optOutFor(context.settings, context.customer.code);
    if (!number && !link) throw NO_OPT_OUT('text');
    body += number ? `\nOpt out: text STOP to ${number}` : `\nOpt out: ${link}`;
  }
  const text = normaliseSmsText(body);
  const { segments, encoding } = countSms(text);
  return { channel: 'sms', text, segments, encoding };
}

function letter(parts: Map<TemplatePart, CompiledPart>, data: Record<string, unknown>, action: DueAction, context: MergeContext): RenderedLetter {
  const { settings } = context;
  const paragraphs = renderPart(parts.get('letter')!, data)
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const signer = settings.signOffName?.trim() ?? '';
  const rendered: RenderedLetter = {
    channel: 'letter',
    salutation: `Dear ${data.greeting as string},`,
    paragraphs,
    signOff: ['Yours sincerely,', signer, settings.garageName.trim()].filter(Boolean),
  };
  if (action.purpose === 'marketing') {
    const phone = settings.garagePhone.trim();
    const address = settings.garageAddress.trim();
    if (!phone && !address) throw NO_OPT_OUT('letter');
    const how = [phone && `call us on ${phone}`, address && `write to us at ${address}`].filter(Boolean).join(' or ');
    rendered.optOut = `If you would rather not hear from us like this, ${how} and we will take you off our list.`;
  }
  return rendered;
}

/**
 * The message for a due action by its method, from its template (the rule's, by name). null when
 * the row has no method (nothing can be sent; the row already says why). A row that cannot be
 * rendered returns null with one problem saying why, on that row only.
 *
 * @example
 * const context = mergeContextFor(action, garage, settings);
 * const { value: message, problems } = renderMessage(action, context, templates);
 */
export function renderMessage(action: DueAction, context: MergeContext, templates: CompiledTemplates): Result<RenderedMessage | null> {
  const method = action.method;
  if (!method) return { value: null, problems: [] };
  const name = action.template.trim() || action.ruleId;
  const named = templates.parts.get(name);
  for (const part of PARTS_FOR_METHOD[method]) {
    const file = templateFile(name, part);
    const unusable = templates.unusable.get(file);
    if (unusable) return { value: null, problems: [rowProblem(action, 'template_invalid', `its template ${file} ${unusable}`, 'Correct the template in templates/.')] };
    if (!named?.has(part)) {
      const fix = `Add ${file} to templates/, or name another template on the Schedule sheet.`;
      return { value: null, problems: [rowProblem(action, 'template_missing', `no ${method} template "${name}" (${file})`, fix)] };
    }
  }
  const data = mergeData(action, context);
  try {
    // A letter's salutation is not in its template, so its greeting is checked here.
    if (method === 'Letter' && !data.greeting) throw new RowStops('merge_value_missing', missingReason('greeting', data), fixFor('greeting'));
    const render = method === 'Email' ? email : method === 'SMS' ? sms : letter;
    return { value: render(named!, data, action, context), problems: [] };
  } catch (error) {
    if (error instanceof RowStops) return { value: null, problems: [rowProblem(action, error.code, error.reason, error.fix)] };
    throw error;
  }
}

/**
 * Every sendable row's message, by Action ID, compiled templates shared: what a send, or its
 * preview, takes. Rows with no method are left out; a row that cannot be rendered gives its problem.
 */
export function renderDueMessages(
  actions: readonly DueAction[],
  garage: GarageIndex,
  settings: GarageSettings,
  templates: CompiledTemplates,
): Result<Map<string, RenderedMessage>> {
  const messages = new Map<string, RenderedMessage>();
  const problems: Problem[] = [];
  for (const action of actions) {
    if (!action.method) continue;
    const context = mergeContextFor(action, garage, settings);
    if (!context) {
      problems.push(rowProblem(action, 'merge_value_missing', `customer ${action.code} is not in the exports this build read`, 'Build again from the exports, then send.'));
      continue;
    }
    const { value, problems: rowProblems } = renderMessage(action, context, templates);
    if (value) messages.set(action.actionId, value);
    problems.push(...rowProblems);
  }
  return { value: messages, problems };
}
