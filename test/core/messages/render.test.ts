import assert from 'node:assert/strict';
import type { GarageIndex } from '../../../core/garage-index.ts';
import { mergeContextFor } from '../../../core/messages/merge-context.ts';
import { greetingFor } from '../../../core/messages/merge-fields.ts';
import { renderMessage, type RenderedEmail, type RenderedLetter, type RenderedMessage, type RenderedSms } from '../../../core/messages/render.ts';
import { compileTemplates, type CompiledTemplates } from '../../../core/messages/templates.ts';
import type { Problem } from '../../../core/problems.ts';
import type { Customer, Method } from '../../../core/records.ts';
import type { DueAction } from '../../../core/results.ts';
import type { GarageSettings } from '../../../core/settings.ts';
import { advisory, customer, garage, job, unit } from '../schedule/garage-builder.ts';
import { dueFor } from '../schedule/run-schedule.ts';
import { MESSAGE_SETTINGS } from './message-settings.ts';

const SETTINGS: GarageSettings = MESSAGE_SETTINGS;

/** Every part of one template, the same words in each (the letter's body has no greeting: the channel adds it). */
function templateSet(name: string, body: string): Map<string, string> {
  return new Map([
    [`${name}/email.subject.hbs`, `${body}`],
    [`${name}/email.html.hbs`, `<div><p>Dear {{greeting}},</p><p>${body}</p></div>`],
    [`${name}/email.txt.hbs`, `Dear {{greeting}},\n\n${body}`],
    [`${name}/sms.hbs`, `Hi {{greeting}}, ${body}`],
    [`${name}/letter.hbs`, `${body}\n\nCall {{garage.phone}}.`],
  ]);
}

function compiled(...sets: Map<string, string>[]): CompiledTemplates {
  const { value, problems } = compileTemplates(new Map(sets.flatMap((s) => [...s])));
  assert.deepEqual(problems, []);
  return value;
}

const MOT_TEMPLATES = compiled(templateSet('mot-1', 'The MOT on your {{vehicle.description}} is due on {{vehicle.motDue}}.'));

/** The first MOT reminder for each customer (28 days before 14/12/2026), each with unit AB12CDE… of their own. */
function motGarage(...customers: Customer[]): GarageIndex {
  return garage({
    customers,
    units: customers.map((c, i) => unit({ registration: `AB12CD${String.fromCharCode(65 + i)}`, customerCode: c.code, motDue: '2026-12-14' })),
  });
}

function motReminders(index: GarageIndex): DueAction[] {
  return dueFor('mot-1', index, '2026-11-16');
}

function render(action: DueAction, index: GarageIndex, method: Method, templates = MOT_TEMPLATES, settings = SETTINGS) {
  const context = mergeContextFor(action, index, settings);
  assert.ok(context, 'the action has a merge context');
  return renderMessage({ ...action, method }, context, templates);
}

function rendered<T extends RenderedMessage>(result: { value: RenderedMessage | null; problems: Problem[] }): T {
  assert.deepEqual(result.problems, []);
  assert.ok(result.value);
  return result.value as T;
}

describe('messages for due contacts', () => {
  describe('the greeting', () => {
    const CASES: { description: string; customer: Partial<Customer>; expected: string }[] = [
      { description: 'greets by title and surname', customer: { title: 'Mrs', firstName: 'Jane', surname: 'Harrison' }, expected: 'Mrs Harrison' },
      { description: 'greets by first name when there is no title', customer: { title: '', firstName: 'Jane', surname: 'Harrison' }, expected: 'Jane' },
      { description: 'greets by first name when there is no surname', customer: { title: 'Mrs', firstName: 'Jane', surname: '' }, expected: 'Jane' },
      { description: 'greets a company by its name', customer: { title: '', firstName: '', surname: '', company: 'Acme Haulage Ltd' }, expected: 'Acme Haulage Ltd' },
      { description: 'has no greeting without a name of any kind', customer: { title: 'Mr', firstName: '', surname: '', company: '' }, expected: '' },
    ];
    for (const { description, customer: given, expected } of CASES) {
      it(description, () => assert.equal(greetingFor(customer(given)), expected));
    }
  });

  describe('a missing value stops the row with a reason', () => {
    it('fails only the row of a customer with no name, and never writes "Dear ,"', () => {
      const index = motGarage(customer({ code: 'C1' }), customer({ code: 'C2', title: '', firstName: '', surname: 'Lee', company: '', name: 'Lee' }));
      const [named, nameless] = motReminders(index);
      assert.ok(named && nameless);
      for (const method of ['Email', 'SMS', 'Letter'] as const) {
        const fine = render(named, index, method);
        assert.deepEqual(fine.problems, [], `${method} for the named customer`);
        const stopped = render(nameless, index, method);
        assert.equal(stopped.value, null, `${method}: nothing to send`);
        assert.equal(stopped.problems.length, 1);
        assert.equal(stopped.problems[0]!.code, 'merge_value_missing');
        assert.match(stopped.problems[0]!.message, /no title and surname, first name or company name for the greeting/);
        assert.deepEqual(stopped.problems[0]!.where, { sheet: 'Due Actions', rule: 'mot-1', actionId: nameless.actionId });
      }
    });

    it('stops a reminder whose vehicle has no MOT due date, naming it', () => {
      // An appointment reminder template that also speaks of the MOT: the unit has none.
      const templates = compiled(templateSet('appointment', 'See you {{job.appointmentDay}}; your MOT is due {{vehicle.motDue}}.'));
      const index = garage({ units: [unit()], jobs: [job({ appointmentDate: '2026-11-17' })] });
      const [action] = dueFor('appointment', index, '2026-11-16');
      assert.ok(action);
      const result = render(action, index, 'Email', templates);
      assert.equal(result.value, null);
      assert.match(result.problems[0]!.message, /^Appointment Reminder for Mrs Jane Smith not sent: no MOT due date for the vehicle\. Add it in your DMS/);
    });

    it('stops a row whose template needs a garage phone the Settings do not give, saying to fill it in', () => {
      const index = motGarage(customer());
      const result = render(motReminders(index)[0]!, index, 'Letter', MOT_TEMPLATES, { ...SETTINGS, garagePhone: '' });
      assert.match(result.problems[0]!.message, /no garage phone in Settings\. Fill it in on the Settings sheet/);
    });

    it('leaves out an optional line whose value is missing, inside {{#if}}', () => {
      const templates = compiled(templateSet('mot-1', '{{#if garage.bookingLink}}Book at {{garage.bookingLink}}{{else}}Call {{garage.phone}}{{/if}}'));
      const index = motGarage(customer());
      const sms = rendered<RenderedSms>(render(motReminders(index)[0]!, index, 'SMS', templates, { ...SETTINGS, bookingLink: '' }));
      assert.equal(sms.text, 'Hi Mrs Smith, Call 01625 496000');
    });
  });

  describe('escaping', () => {
    const index = motGarage(customer({ title: 'Mr', surname: '<script>alert(1)</script>' }), customer({ code: 'C2', title: 'Mr', surname: '=HYPERLINK("http://evil.example","x")' }));
    const [script, formula] = motReminders(index);

    it('escapes a name that is HTML in the email HTML, and shows it as written in the plain text', () => {
      const email = rendered<RenderedEmail>(render(script!, index, 'Email'));
      assert.ok(!email.html.includes('<script>'), email.html);
      assert.ok(email.html.includes('Dear Mr &lt;script&gt;alert(1)&lt;/script&gt;,'), email.html);
      assert.ok(email.text.startsWith('Dear Mr <script>alert(1)</script>,'), email.text);
    });

    it('keeps a formula-looking name inert in HTML', () => {
      const email = rendered<RenderedEmail>(render(formula!, index, 'Email'));
      assert.ok(email.html.includes('Dear Mr &#x3D;HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;),'), email.html);
      assert.ok(!email.html.includes('"http://evil.example"'));
    });

    it('keeps the subject on one line when a value holds a line break', () => {
      const templates = compiled(templateSet('mot-1', 'MOT for {{customer.surname}}'));
      const broken = motGarage(customer({ surname: 'Smith\r\nBcc: everyone@example.com' }));
      const email = rendered<RenderedEmail>(render(motReminders(broken)[0]!, broken, 'Email', templates));
      assert.equal(email.subject, 'MOT for Smith Bcc: everyone@example.com');
    });
  });

  describe('opt-outs', () => {
    const templates = compiled(templateSet('birthday', 'Happy birthday from {{garage.name}}!'), templateSet('mot-1', 'Your MOT is due {{vehicle.motDue}}.'));
    const index = garage({ customers: [customer({ dateOfBirth: '1980-11-18' })], units: [unit({ motDue: '2026-12-14' })] });
    const [birthday] = dueFor('birthday', index, '2026-11-16');
    const [mot] = dueFor('mot-1', index, '2026-11-16');

    it('gives a marketing email List-Unsubscribe headers for one click and by email, and a line saying how to stop them', () => {
      const email = rendered<RenderedEmail>(render(birthday!, index, 'Email', templates));
      assert.deepEqual(email.headers, {
        'List-Unsubscribe': '<https://harrisonmotors.example/unsubscribe?customer=C1>, <mailto:service@harrisonmotors.example?subject=Unsubscribe%20C1>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      assert.match(email.text, /To stop them, visit https:\/\/harrisonmotors\.example\/unsubscribe\?customer=C1\.$/);
      // Escaped as Handlebars escapes every value (= as &#x3D;, which a browser reads as =), inside the template's wrapper.
      assert.match(email.html, /<a href="https:\/\/harrisonmotors\.example\/unsubscribe\?customer&#x3D;C1">unsubscribe here<\/a>\.<\/p>\n<\/div>$/);
    });

    it('gives a marketing email without an unsubscribe link only the mailto header, with no one-click header', () => {
      const email = rendered<RenderedEmail>(render(birthday!, index, 'Email', templates, { ...SETTINGS, unsubscribeLink: '' }));
      assert.deepEqual(email.headers, { 'List-Unsubscribe': '<mailto:service@harrisonmotors.example?subject=Unsubscribe%20C1>' });
    });

    it('ends a marketing text with the number to text STOP to', () => {
      const sms = rendered<RenderedSms>(render(birthday!, index, 'SMS', templates));
      assert.equal(sms.text, 'Hi Mrs Smith, Happy birthday from Harrison Motors!\nOpt out: text STOP to 07700 900123');
    });

    it('gives a marketing letter a line saying how to opt out', () => {
      const letter = rendered<RenderedLetter>(render(birthday!, index, 'Letter', templates));
      assert.equal(letter.optOut, 'If you would rather not hear from us like this, call us on 01625 496000 or write to us at 1 Station Road, Macclesfield SK10 4AB and we will take you off our list.');
    });

    it('puts no opt-out on a service reminder by any channel', () => {
      const email = rendered<RenderedEmail>(render(mot!, index, 'Email', templates));
      assert.deepEqual(email.headers, {});
      assert.ok(!/unsubscribe|stop/i.test(email.text + email.html));
      assert.ok(!rendered<RenderedSms>(render(mot!, index, 'SMS', templates)).text.includes('Opt out'));
      assert.equal(rendered<RenderedLetter>(render(mot!, index, 'Letter', templates)).optOut, undefined);
    });

    it('does not send a marketing text when Settings give no way to opt out', () => {
      const result = render(birthday!, index, 'SMS', templates, { ...SETTINGS, smsOptOutNumber: '', unsubscribeLink: '' });
      assert.equal(result.value, null);
      assert.equal(result.problems[0]!.code, 'opt_out_missing');
    });
  });

  describe('the letter', () => {
    it('greets, splits the body into paragraphs and signs off with the signer and the garage', () => {
      const index = motGarage(customer());
      const letter = rendered<RenderedLetter>(render(motReminders(index)[0]!, index, 'Letter'));
      assert.deepEqual(letter, {
        channel: 'letter',
        salutation: 'Dear Mrs Smith,',
        paragraphs: ['The MOT on your Ford Focus AB12 CDA is due on 14 December 2026.', 'Call 01625 496000.'],
        signOff: ['Yours sincerely,', 'Sarah Jones', 'Harrison Motors'],
      });
    });
  });

  it('splits a letter saved with Windows line ends into its paragraphs', () => {
    const templates = compiled(new Map([['mot-1/letter.hbs', 'Your MOT is due {{vehicle.motDue}}.\r\n\r\nCall {{garage.phone}}.\r\n']]));
    const index = motGarage(customer());
    const letter = rendered<RenderedLetter>(render(motReminders(index)[0]!, index, 'Letter', templates));
    assert.deepEqual(letter.paragraphs, ['Your MOT is due 14 December 2026.', 'Call 01625 496000.']);
  });

  describe('the text message', () => {
    it('makes curly quotes and dashes in the template and the data plain, and counts one GSM-7 text', () => {
      const templates = compiled(templateSet('mot-1', 'We\u2019ll see {{customer.surname}} \u2013 soon\u2026'));
      const index = motGarage(customer({ surname: 'O\u2019Neil' }));
      const sms = rendered<RenderedSms>(render(motReminders(index)[0]!, index, 'SMS', templates));
      assert.deepEqual(sms, { channel: 'sms', text: "Hi Mrs O'Neil, We'll see O'Neil - soon...", segments: 1, encoding: 'GSM-7' });
    });

    it('counts a text with an emoji as UCS-2', () => {
      const templates = compiled(templateSet('mot-1', 'Happy birthday \u{1F382}'));
      const index = motGarage(customer());
      const sms = rendered<RenderedSms>(render(motReminders(index)[0]!, index, 'SMS', templates));
      assert.equal(sms.encoding, 'UCS-2');
    });
  });

  describe('the advisory reminder', () => {
    it('names the piece of work each reminder is for (open or declined, never done), and the vehicle', () => {
      const templates = compiled(templateSet('advisory', '{{vehicle.registration}}: {{advisory.work}}'));
      const index = garage({
        units: [unit()],
        jobs: [job({ completedDate: '2026-10-01' })],
        advisories: [advisory({ dueDate: '2026-11-25' }), advisory({ description: 'wiper blades', dueDate: '2026-11-25' }), advisory({ description: 'tyres', dueDate: '2026-11-25', status: 'Done' }), advisory({ description: 'exhaust', dueDate: '2026-11-25', status: 'Declined' })],
      });
      // Each piece of work is its own reminder (its own Action ID subject).
      const texts = dueFor('advisory', index, '2026-11-16').map((action) => rendered<RenderedSms>(render(action, index, 'SMS', templates)).text);
      assert.deepEqual(texts.sort(), ['Hi Mrs Smith, AB12 CDE: exhaust', 'Hi Mrs Smith, AB12 CDE: front brake pads', 'Hi Mrs Smith, AB12 CDE: wiper blades']);
    });
  });

  describe('templates', () => {
    const index = motGarage(customer());
    const action = motReminders(index)[0]!;

    it('reports a custom rule whose template does not exist on that row, naming the file', () => {
      const result = render({ ...action, ruleId: 'first-mot', template: 'first-mot' }, index, 'SMS');
      assert.equal(result.value, null);
      assert.equal(result.problems[0]!.code, 'template_missing');
      assert.match(result.problems[0]!.message, /no SMS template "first-mot" \(first-mot\/sms\.hbs\)/);
    });

    it('renders a custom rule that names a default template', () => {
      const sms = rendered<RenderedSms>(render({ ...action, ruleId: 'first-mot', actionId: action.actionId.replace('mot-1', 'first-mot') }, index, 'SMS'));
      assert.match(sms.text, /MOT on your Ford Focus AB12 CDA is due on 14 December 2026/);
    });

    it('returns nothing and no problem for a row with no method', () => {
      assert.deepEqual(renderMessage({ ...action, method: null }, mergeContextFor(action, index, SETTINGS)!, MOT_TEMPLATES), { value: null, problems: [] });
    });

    const BROKEN: { description: string; file: string; text: string; code: Problem['code']; reason: RegExp }[] = [
      { description: 'refuses a field that is not a merge field', file: 'mot-1/sms.hbs', text: 'Hi {{customer.nickname}}', code: 'template_field_unknown', reason: /uses \{\{customer\.nickname\}\}, which is not a merge field/ },
      { description: 'refuses {{{ }}} in HTML, which would let customer data write HTML', file: 'mot-1/email.html.hbs', text: '<p>{{{greeting}}}</p>', code: 'template_invalid', reason: /\{\{\{ \}\}\} in HTML/ },
      { description: 'refuses a helper other than if, unless and each', file: 'mot-1/sms.hbs', text: '{{#with vehicle}}{{registration}}{{/with}}', code: 'template_invalid', reason: /only \{\{#if field\}\}/ },
      { description: 'refuses a partial', file: 'mot-1/sms.hbs', text: '{{> footer}}', code: 'template_invalid', reason: /partial/ },
      { description: 'refuses a template Handlebars cannot read', file: 'mot-1/sms.hbs', text: 'Hi {{greeting', code: 'template_invalid', reason: /cannot be read/ },
    ];
    for (const { description, file, text, code, reason } of BROKEN) {
      it(`${description}, once, and names it on each row that needs it`, () => {
        const files = templateSet('mot-1', 'Your MOT is due {{vehicle.motDue}}.');
        files.set(file, text);
        const { value: templates, problems } = compileTemplates(files);
        assert.equal(problems.length, 1);
        assert.equal(problems[0]!.code, code);
        assert.deepEqual(problems[0]!.where, { file: `templates/${file}` });
        assert.match(problems[0]!.message, reason);
        const method: Method = file.startsWith('mot-1/email') ? 'Email' : 'SMS';
        const row = render(action, index, method, templates);
        assert.equal(row.value, null);
        assert.equal(row.problems[0]!.code, 'template_invalid');
        assert.ok(row.problems[0]!.message.includes(file));
      });
    }
  });
});
