/**
 * The individual process and Mark lapsed in the task pane, in headless Chromium: the samples
 * loaded through the file picker, the in-memory Excel (support/fake-excel.ts) as the host, and a
 * stand-in worker on loopback that renders with the garage's real templates. Screenshots go to
 * out/test-screenshots/.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { officeWorkbookStore } from '../../addin/excel/office-workbook-store.ts';
import {
  compileTemplates,
  CONTACT_LOG_SHEET,
  individualMethods,
  individualProcess,
  LAPSED_SHEET,
  LAPSING_SHEET,
  londonDate,
  rebuildWorkbook,
  renderMessage,
  type CompiledTemplates,
  type DueAction,
  type MergeContext,
  type Rebuilt,
} from '../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { readTemplateFiles } from '../../worker/templates.ts';
import { FakeExcel } from './support/fake-excel.ts';
import { SAMPLE_GARAGE } from './support/sample-garage.ts';
import { ADDIN_OUT, launchChromium, pageSheet, panePage, putWorkbook, SCREENSHOTS, serveFolder, workbookData, type PaneBrowser } from './support/pane-harness.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const KEY = 'pairing-key';

type Row = { action: DueAction & { method: 'Email' | 'SMS' | 'Letter' }; context: MergeContext };

/**
 * A stand-in worker: /api/preview renders the row with the real templates, /api/rows queues it,
 * /api/rows/status says each queued row was sent, with its Contact Log line.
 */
async function renderingWorker(templates: CompiledTemplates, received: Row[]): Promise<{ address: string; server: Server }> {
  const server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
    response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    if (request.method === 'OPTIONS') return response.writeHead(204).end();
    if (request.headers.authorization !== `Bearer ${KEY}`) return response.writeHead(401).end('{"error":"wrong pairing key"}');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const reply = (body: unknown, status = 200) => response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { rows?: Row[]; ids?: string[] };
      if (path === '/api/rows/status') {
        return reply({
          rows: (body.ids ?? []).map((id) => {
            const row = received.find((r) => r.action.actionId === id);
            if (!row) return { actionId: id, status: null, method: null, sentAt: null, reference: '', contactLog: null };
            const { action } = row;
            const sentAt = londonDate(new Date());
            const entry = { actionId: id, sentAt, customerCode: action.code, contactDue: action.contactDue, method: action.method, to: action.to, status: 'sent', reference: 'stand-in-1', by: 'Sarah' };
            return { actionId: id, status: 'Sent', method: action.method, sentAt, reference: 'stand-in-1', contactLog: entry };
          }),
        });
      }
      const rows = body.rows ?? [];
      received.push(...rows);
      if (path === '/api/preview') {
        return reply({
          rows: rows.map(({ action, context }) => {
            const { value, problems } = renderMessage(action, context, templates);
            if (!value) return { actionId: action.actionId, method: action.method, to: action.to, notGoing: problems.map((p) => p.message).join('; ') };
            const shown = value.channel === 'email' ? { subject: value.subject, text: value.text } : value.channel === 'sms' ? { text: value.text, smsSegments: value.segments } : { text: value.paragraphs.join('\n\n') };
            return { actionId: action.actionId, method: action.method, to: action.to, ...shown };
          }),
        });
      }
      if (path === '/api/rows') return reply({ rows: rows.map(({ action }) => ({ actionId: action.actionId, state: 'queued', status: 'Queued', sentAt: null, reference: '' })) }, 202);
      reply({ error: 'nothing here' }, 404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** Waits for a locator; when it does not come, fails with what the pane says instead. */
async function shows(page: Page, locator: ReturnType<Page['locator']>, timeout = 30_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}\nThe pane says:\n${await page.locator('main').innerText()}`, { cause: error });
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the individual process and Mark lapsed in the task pane', function () {
  this.timeout(180_000);
  const asOf = londonDate(new Date());
  let browser: PaneBrowser;
  let pane: { origin: string; server: Server };
  let worker: { address: string; server: Server };
  const received: Row[] = [];
  let paths: string[];
  let built: Rebuilt;
  let excel: FakeExcel;

  before(async function () {
    if (!existsSync(join(ADDIN_OUT, 'taskpane.html'))) throw new Error('out/addin/ has no built pane: run npm run build first (npm run test:addin does).');
    await mkdir(SCREENSHOTS, { recursive: true });
    paths = await listExportFiles([SAMPLES]);
    // The workbook as this week's load writes it, built here through the same store.
    excel = new FakeExcel();
    const result = await rebuildWorkbook({ exports: exportFileSource(paths), workbook: officeWorkbookStore(excel.run), asOf, by: 'Sarah', startingSettings: SAMPLE_GARAGE });
    assert.ok(!('stopped' in result));
    built = result;
    const { value: templates } = compileTemplates(await readTemplateFiles());
    pane = await serveFolder(ADDIN_OUT);
    worker = await renderingWorker(templates, received);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    pane?.server.close();
    worker?.server.close();
  });

  /** The pane in the fake Excel holding this week's workbook, paired with the stand-in worker, the samples loaded. */
  async function openPane(): Promise<Page> {
    const page = await panePage(browser, { excelApi: '1.9', workbook: true });
    await page.addInitScript(
      ([address, key]) => localStorage.setItem('retention-desk.worker', JSON.stringify({ address, pairingKey: key, by: 'Sarah' })),
      [worker.address, KEY] as const,
    );
    await page.goto(`${pane.origin}/taskpane.html`);
    await putWorkbook(page, workbookData(excel.workbook));
    await page.getByTestId('export-files').setInputFiles(paths);
    await page.getByText(/contacts due/).waitFor({ timeout: 90_000 });
    return page;
  }

  it('finds a customer by registration, disables a method they opted out of with the reason, and previews and sends one contact', async () => {
    // A sample customer with a vehicle whose MOT reminder cannot go by one method.
    const process = individualProcess(built.retention, built.state);
    const garage = built.retention.garage;
    const pick = garage.units
      .filter((u) => u.motDue && garage.customerByCode.has(u.customerCode))
      .map((u) => ({ unit: u, methods: individualMethods(process, u.customerCode, 'MOT Reminder') }))
      .find(({ methods }) => methods.some((m) => m.refusal?.includes('opted out')) && methods.some((m) => !m.refusal));
    assert.ok(pick, 'the samples have a customer who opted out of a channel');
    const customer = garage.customerByCode.get(pick.unit.customerCode)!;
    const refused = pick.methods.find((m) => m.refusal?.includes('opted out'))!;
    const usable = pick.methods.find((m) => !m.refusal)!;

    const page = await openPane();
    await page.getByRole('tab', { name: 'Individual' }).click();
    const search = page.getByRole('searchbox');
    await search.waitFor();
    // As a person types it: lower case, with a space.
    await search.fill(pick.unit.registrationDisplay.toLowerCase());
    const option = page.getByRole('option', { name: new RegExp(customer.name) });
    await option.waitFor();
    // By keyboard: into the list, then choose.
    await page.getByRole('option').first().focus();
    const index = (await page.getByRole('option').allInnerTexts()).findIndex((t) => t.includes(customer.code));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`${customer.code}`) }).waitFor();
    await page.getByRole('combobox', { name: 'Contact due' }).selectOption('MOT Reminder');

    const disabled = page.getByRole('radio', { name: new RegExp(`^${refused.method}`) });
    await disabled.waitFor();
    assert.equal(await disabled.isDisabled(), true);
    assert.match(await page.locator('main').innerText(), new RegExp(`not possible: ${refused.refusal!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await screenshot(page, 'individual-method-disabled');

    await page.getByRole('radio', { name: new RegExp(`^${usable.method}`) }).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('preview');
    await shows(page, preview);
    const shown = await preview.innerText();
    const row = received.at(-1)!;
    assert.equal(row.action.code, customer.code);
    assert.equal(row.action.method, usable.method);
    assert.equal(row.action.contactDue, 'MOT Reminder');
    assert.equal(row.context.unit?.registration, pick.unit.registration);
    // What the templates made is what the pane shows.
    const rendered = renderMessage(row.action, row.context, compileTemplates(await readTemplateFiles()).value);
    assert.ok(rendered.value);
    const words = rendered.value.channel === 'letter' ? rendered.value.paragraphs[0]! : rendered.value.text.split('\n')[0]!;
    assert.ok(shown.includes(words.trim()), `the preview shows "${words}"`);
    assert.match(shown, new RegExp(`to ${usable.to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await screenshot(page, 'individual-preview');

    await page.getByRole('button', { name: 'Send this one' }).click();
    const status = page.getByTestId('sent-status');
    await shows(page, status);
    assert.match(await status.innerText(), /Sent[\s\S]*reference stand-in-1[\s\S]*It is on the Contact Log\./);
    assert.equal(received.at(-1)!.action.actionId, row.action.actionId);
    // The hand-sent contact's line, written through the same rebuild as Send approved.
    const log = await pageSheet(page, CONTACT_LOG_SHEET);
    const idColumn = log[0]!.indexOf('Action ID');
    assert.equal(log.filter((line) => line[idColumn] === row.action.actionId).length, 1, 'one Contact Log line for the contact');
    await screenshot(page, 'individual-sent');
    await page.close();
  });

  it('marks the rows selected on the Lapsing sheet lapsed after asking, and the Lapsed sheet gains them', async () => {
    const page = await openPane();
    const lapsing = excel.sheetValues(LAPSING_SHEET);
    const codeColumn = lapsing[0]!.indexOf('Code');
    const codes = [2, 3, 4].map((row) => String(lapsing[row - 1]![codeColumn]));
    await page.evaluate((sheet) => (window as unknown as { __fakeExcel: { select(s: string, a: string): void } }).__fakeExcel.select(sheet, '2:4'), LAPSING_SHEET);

    await page.getByRole('tab', { name: 'Mark lapsed' }).click();
    await page.getByRole('button', { name: 'Mark selected lapsed…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Mark 3 customers lapsed\?[\s\S]*They get no more contacts; nobody is deleted\./);
    const before = await page.evaluate((name) => (window as unknown as { __fakeExcel: { sheetValues(n: string): unknown[][] } }).__fakeExcel.sheetValues(name).length, LAPSED_SHEET);
    await screenshot(page, 'lapse-confirm');
    await dialog.getByRole('button', { name: 'Mark lapsed' }).click();
    await shows(page, page.getByText('3 customers marked lapsed'), 60_000);

    const lapsed = (await page.evaluate((name) => (window as unknown as { __fakeExcel: { sheetValues(n: string): unknown[][] } }).__fakeExcel.sheetValues(name), LAPSED_SHEET)) as string[][];
    assert.equal(lapsed.length, before + 3);
    const marked = lapsed.slice(1).map((row) => String(row[0]));
    for (const code of codes) assert.ok(marked.includes(code), `${code} is on the Lapsed sheet`);
    const stillLapsing = (await page.evaluate((name) => (window as unknown as { __fakeExcel: { sheetValues(n: string): unknown[][] } }).__fakeExcel.sheetValues(name), LAPSING_SHEET)) as string[][];
    for (const code of codes) assert.ok(!stillLapsing.some((row) => String(row[codeColumn]) === code), `${code} is no longer lapsing`);
    await screenshot(page, 'lapse-done');
    await page.close();
  });

  it('says to load the exports first when none were loaded into this workbook, even when another workbook on this computer has some', async () => {
    // The tests above loaded the samples into another workbook in this browser: they are kept under that workbook's id, not this one's.
    const page = await panePage(browser, { excelApi: '1.9', workbook: true });
    await page.goto(`${pane.origin}/taskpane.html`);
    await page.getByRole('tab', { name: 'Mark lapsed' }).click();
    await page.getByRole('button', { name: 'Mark selected lapsed…' }).click();
    await page.getByText(/Load this week's exports first/).waitFor();
    await page.getByRole('tab', { name: 'Individual' }).click();
    await page.getByText(/Load this week's exports first/).waitFor();
    await page.close();
  });
});
