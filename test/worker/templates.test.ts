import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compileTemplates,
  mergeContextFor,
  rebuildWorkbook,
  renderDueMessages,
  renderMessage,
  TEMPLATE_PARTS,
  templateFile,
  type CompiledTemplates,
  type DueAction,
  type GarageSettings,
  type Rebuilt,
} from '../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { readTemplateFiles } from '../../worker/templates.ts';
import { MESSAGE_SETTINGS } from '../core/messages/message-settings.ts';

const SETTINGS: GarageSettings = { ...MESSAGE_SETTINGS, signOffName: 'Sarah Jones, Service Manager' };

/** The default rules' template names: the schedule's own, plus Christmas (not due on the samples' as-of date). */
const DEFAULT_TEMPLATES = [
  'mot-1', 'mot-2', 'service-1', 'service-2', 'combined', 'job-confirmation', 'appointment', 'job-thanks', 'advisory',
  'sale-thanks', 'sale-year-1', 'sale-year-2', 'sale-year-3', 'sale-year-4', 'warranty', 'finance-end', 'birthday', 'christmas', 'drifting',
];

describe('the default templates on the sample garage', () => {
  let rebuilt: Rebuilt;
  let templates: CompiledTemplates;

  before(async () => {
    const result = await rebuildWorkbook({ exports: exportFileSource(await listExportFiles(['samples'])), workbook: null, asOf: '2026-11-16', by: '' });
    if ('stopped' in result) throw new Error(result.stopped.join('; '));
    rebuilt = result;
    const compiled = compileTemplates(await readTemplateFiles());
    assert.deepEqual(compiled.problems, []);
    templates = compiled.value;
  });

  it('has every part of a template for each default contact', () => {
    for (const name of DEFAULT_TEMPLATES) {
      for (const part of TEMPLATE_PARTS) assert.ok(templates.parts.get(name)?.has(part), `templates/${templateFile(name, part)}`);
    }
  });

  it('names a template for every default rule that is due', () => {
    const names = new Set(rebuilt.retention.dueActions.map((a) => a.template));
    assert.deepEqual([...names].filter((n) => !DEFAULT_TEMPLATES.includes(n)), []);
    // Every default but Christmas is due on the samples' as-of date, so each is rendered below.
    assert.deepEqual(DEFAULT_TEMPLATES.filter((n) => !names.has(n)), ['christmas']);
  });

  /** Every due action by every channel, and a Christmas greeting made from a birthday's customer. */
  function everyMessage(settings: GarageSettings) {
    const actions = [...rebuilt.retention.dueActions];
    const birthday = actions.find((a) => a.ruleId === 'birthday')!;
    const christmas: DueAction = { ...birthday, ruleId: 'christmas', template: 'christmas', triggerDate: '2026-12-25', actionId: `christmas/${birthday.code}/-/2026-12-25`, contactDue: 'Christmas Greetings' };
    actions.push(christmas);
    return actions.flatMap((action) =>
      (['Email', 'SMS', 'Letter'] as const).map((method) => {
        const context = mergeContextFor(action, rebuilt.retention.garage, settings);
        assert.ok(context, action.actionId);
        return { action, method, result: renderMessage({ ...action, method }, context, templates) };
      }),
    );
  }

  for (const [description, settings] of [
    ['with every setting given', SETTINGS],
    ['without a booking link or a sign-off name', { ...SETTINGS, bookingLink: '', signOffName: '' }],
  ] as const) {
    it(`renders every due contact by email, text and letter with no missing field, ${description}`, () => {
      const failed = everyMessage(settings).filter((m) => m.result.problems.length > 0);
      // The samples' one customer with a surname and nothing else to greet them by.
      const reasons = failed.map((m) => `${m.action.code} ${m.method}: ${m.result.problems.map((p) => p.message).join('; ')}`);
      assert.ok(failed.every((m) => m.action.code === 'C00078' && /for the greeting/.test(m.result.problems[0]!.message)), reasons.join('\n'));
      assert.equal(failed.length, 3, reasons.join('\n'));
    });
  }

  it('leaves no merge field unfilled and writes no empty greeting anywhere', () => {
    for (const { result } of everyMessage(SETTINGS)) {
      const message = result.value;
      if (!message) continue;
      const texts = Object.values(message).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []));
      for (const text of texts) assert.ok(!/\{\{|\}\}|Dear ,|Hi ,|undefined|null|\[object/.test(String(text)), String(text));
    }
  });

  it('adds the opt-out to marketing messages only', () => {
    for (const { action, result } of everyMessage(SETTINGS)) {
      const message = result.value;
      if (!message) continue;
      const marketing = action.purpose === 'marketing';
      if (message.channel === 'email') assert.equal('List-Unsubscribe' in message.headers, marketing, action.actionId);
      if (message.channel === 'sms') assert.equal(message.text.includes('Opt out: text STOP to 07700 900123'), marketing, action.actionId);
      if (message.channel === 'letter') assert.equal(message.optOut !== undefined, marketing, action.actionId);
    }
  });

  it("renders each sendable row by its own method, keyed by Action ID, and reports the one it cannot", () => {
    const actions = rebuilt.retention.dueActions;
    const { value: messages, problems } = renderDueMessages(actions, rebuilt.retention.garage, SETTINGS, templates);
    const sendable = actions.filter((a) => a.method !== null);
    assert.ok(sendable.length < actions.length, 'the samples have a row with no method, which is left out');
    assert.deepEqual(problems.map((p) => p.where.actionId), sendable.filter((a) => a.code === 'C00078').map((a) => a.actionId));
    assert.equal(messages.size, sendable.length - problems.length);
    const channel = { Email: 'email', SMS: 'sms', Letter: 'letter' } as const;
    for (const action of sendable) {
      const message = messages.get(action.actionId);
      if (message) assert.equal(message.channel, channel[action.method!], action.actionId);
    }
  });

  it('keeps every default text in GSM-7', () => {
    for (const { result } of everyMessage(SETTINGS)) {
      if (result.value?.channel === 'sms') assert.equal(result.value.encoding, 'GSM-7', result.value.text);
    }
  });
});

describe('reading the templates folder', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'retention-templates-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads each template part by name and part, dropping a byte-order mark and skipping other files', async () => {
    await mkdir(join(folder, 'first-mot'));
    await writeFile(join(folder, 'first-mot', 'sms.hbs'), '\uFEFFHi {{greeting}}');
    await writeFile(join(folder, 'first-mot', 'notes.txt'), 'not a template');
    await writeFile(join(folder, 'README.md'), '# templates');
    assert.deepEqual(await readTemplateFiles(folder), new Map([['first-mot/sms.hbs', 'Hi {{greeting}}']]));
  });

  it('reads a folder that does not exist as no templates', async () => {
    assert.deepEqual(await readTemplateFiles(join(folder, 'missing')), new Map());
  });
});
