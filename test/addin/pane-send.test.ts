/**
 * Send approved end to end: the built pane served by a real `retention serve` (HTTPS, its own
 * certificate, the pairing key), in headless Chromium with the fake Excel host holding the
 * garage's workbook; the worker sends by SMTP to a real SMTP server on loopback. The samples are
 * loaded, rows approved on Due Actions as a user types Yes, Send approved pressed, and the
 * statuses come back into the sheet and the Contact Log. Then the workbook is opened again (a new
 * page, as after closing Excel) and the ribbon's Send approved pressed: nothing goes twice.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { officeWorkbookStore } from '../../addin/excel/office-workbook-store.ts';
import { CONTACT_LOG_SHEET, DUE_ACTIONS_SHEET, londonDate, rebuildWorkbook } from '../../core/index.ts';
import { exportFileSource, listExportFiles } from '../../worker/read-export.ts';
import { startTestServer, type TestServer } from '../worker/support/serve.ts';
import { localSmtpServer } from '../worker/support/smtp-server.ts';
import { FakeExcel } from './support/fake-excel.ts';
import { ADDIN_OUT, launchChromium, pageSheet, panePage, putWorkbook, SCREENSHOTS, takeWorkbook, workbookData, type PaneBrowser, type WorkbookData } from './support/pane-harness.ts';
import { SAMPLE_GARAGE } from './support/sample-garage.ts';

const SAMPLES = fileURLToPath(new URL('../../samples/', import.meta.url));
const APPROVED = 5;

/** Waits for a locator; when it does not come, fails with what the pane says instead. */
async function shows(page: Page, locator: ReturnType<Page['locator']>, timeout = 60_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}\nThe pane says:\n${await page.locator('main').innerText().catch(() => '(no pane)')}`, { cause: error });
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Due Actions as rows keyed by header. */
async function dueActions(page: Page): Promise<Record<string, unknown>[]> {
  const [headers, ...rows] = (await pageSheet(page, DUE_ACTIONS_SHEET)) as unknown[][];
  return rows.map((row) => Object.fromEntries(headers!.map((h, i) => [String(h), row[i]])));
}

describe('Send approved in the task pane, through retention serve to a real SMTP server', function () {
  this.timeout(240_000);
  const asOf = londonDate(new Date());
  let browser: PaneBrowser;
  let api: TestServer;
  let smtp: { port: number; stop: () => Promise<void> };
  const delivered: string[] = [];
  let paths: string[];
  let lastWeek: WorkbookData;

  before(async function () {
    if (!existsSync(join(ADDIN_OUT, 'taskpane.html'))) throw new Error('out/addin/ has no built pane: run npm run build first (npm run test:addin does).');
    await mkdir(SCREENSHOTS, { recursive: true });
    paths = await listExportFiles([SAMPLES]);
    // Last week's workbook, with the garage's Settings filled in: the pane loads this week's exports into it.
    const excel = new FakeExcel();
    const built = await rebuildWorkbook({ exports: exportFileSource(paths), workbook: officeWorkbookStore(excel.run), asOf, by: 'Sarah', startingSettings: SAMPLE_GARAGE });
    assert.ok(!('stopped' in built));
    lastWeek = workbookData(excel.workbook);
    smtp = await localSmtpServer((stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    });
    api = await startTestServer({ smtpPort: smtp.port, addinFolder: ADDIN_OUT });
    browser = await launchChromium({ trustAnyCertificate: true });
  });

  after(async () => {
    await browser?.close();
    await api?.stop();
    await smtp?.stop();
  });

  /** The pane (or the commands page) from the worker, paired, in Excel with this workbook open. */
  async function openInExcel(path: 'taskpane.html' | 'commands.html', workbook: WorkbookData, address = api.server.url): Promise<Page> {
    const page = await panePage(browser, { excelApi: '1.9', workbook: true });
    await page.addInitScript(([address, key]) => localStorage.setItem('retention-desk.worker', JSON.stringify({ address, pairingKey: key, by: 'Sarah' })), [address, api.key] as const);
    await page.goto(`${api.server.url}/${path}`);
    await page.waitForFunction(() => 'Excel' in window && '__fakeExcel' in window);
    await putWorkbook(page, workbook);
    return page;
  }

  it('loads the samples, sends the approved rows once, and writes each row\'s Status and the Contact Log; opened again, the ribbon sends nothing twice and Refresh statuses brings in rows left Queued', async () => {
    const page = await openInExcel('taskpane.html', lastWeek);
    await page.getByTestId('export-files').setInputFiles(paths);
    await shows(page, page.getByText(/contacts due/), 120_000);

    // The user types Yes under Approve on the first rows going by email.
    const rows = await dueActions(page);
    const chosen = rows.flatMap((row, i) => (row.Method === 'Email' && row.To ? [{ line: i + 2, actionId: String(row['Action ID']), to: String(row.To) }] : [])).slice(0, APPROVED);
    assert.equal(chosen.length, APPROVED, 'the samples have rows going by email');
    await page.evaluate(([sheet, lines]) => {
      const excel = (window as unknown as { __fakeExcel: { type(s: string, a: string, v: string): void } }).__fakeExcel;
      for (const line of lines) excel.type(sheet, `A${line}`, 'Yes');
    }, [DUE_ACTIONS_SHEET, chosen.map((c) => c.line)] as const);
    const approvedWorkbook = await takeWorkbook(page);

    await page.getByRole('tab', { name: 'Send approved' }).click();
    await page.getByRole('button', { name: 'Check what will go' }).click();
    await shows(page, page.getByRole('heading', { name: `${APPROVED} ready to go` }));
    assert.match(await page.locator('main').innerText(), new RegExp(`Email: ${APPROVED}`));
    assert.equal(delivered.length, 0, 'checking sends nothing');
    await screenshot(page, 'send-check');

    await page.getByRole('button', { name: `Send ${APPROVED}` }).click();
    const outcome = page.getByTestId('send-outcome');
    await shows(page, outcome);
    assert.match(await outcome.innerText(), new RegExp(`${APPROVED} approved rows handed to the worker: ${APPROVED} Sent`));
    assert.deepEqual(delivered.map((a) => a.toLowerCase()).sort(), chosen.map((c) => c.to.toLowerCase()).sort(), 'each approved row arrived once, at its address');
    await screenshot(page, 'send-done');

    const after = await dueActions(page);
    for (const { actionId } of chosen) {
      const row = after.find((r) => r['Action ID'] === actionId);
      assert.ok(row, `${actionId} stays on Due Actions to show how it went`);
      assert.equal(row.Status, 'Sent', actionId);
      assert.notEqual(row['Sent At'], '', actionId);
      assert.match(String(row.Reference), /\S/, `${actionId} has the message's reference`);
    }
    const log = (await pageSheet(page, CONTACT_LOG_SHEET)) as unknown[][];
    const idColumn = log[0]!.indexOf('Action ID');
    for (const { actionId } of chosen) assert.equal(log.filter((line) => line[idColumn] === actionId).length, 1, `one Contact Log line for ${actionId}`);

    // Pressed again in the pane: nothing is offered.
    await page.getByRole('button', { name: 'Check what will go' }).click();
    await shows(page, page.getByText(/No row on Due Actions is set to Yes under Approve/));

    // The same rows offered again from a copy of the workbook that does not show them sent: the worker refuses each, and the pane says why.
    const stale = await openInExcel('taskpane.html', approvedWorkbook);
    await stale.getByRole('tab', { name: 'Send approved' }).click();
    await stale.getByRole('button', { name: 'Check what will go' }).click();
    await shows(stale, stale.getByRole('heading', { name: `${APPROVED} cannot go` }));
    assert.match(await stale.locator('main').innerText(), /0 ready to go[\s\S]*it was sent already/);
    assert.equal(await stale.getByRole('button', { name: 'Send 0' }).isDisabled(), true);
    await screenshot(stale, 'send-refused-rows');
    await stale.close();

    // Excel closed and opened again, with the workbook as it was before the send (as if writing the statuses had failed):
    // the ribbon's Send approved asks the worker, which sent them already, and writes what it says.
    await page.close();
    const ribbon = await openInExcel('commands.html', approvedWorkbook);
    await ribbon.waitForFunction(() => Object.keys((window as unknown as { __ribbon: object }).__ribbon).length === 2);
    const said = JSON.parse(
      (await ribbon.evaluate(`new Promise((resolve) => window.__ribbon.sendApproved({ completed: () => resolve(localStorage.getItem('retention-desk.last-command')) }))`)) as string,
    ) as { ok: boolean; message: string };
    assert.match(said.message, new RegExp(`${APPROVED} approved rows handed to the worker: ${APPROVED} Sent`));
    assert.equal(delivered.length, APPROVED, 'nothing was sent twice');
    const again = await dueActions(ribbon);
    for (const { actionId } of chosen) assert.equal(again.find((r) => r['Action ID'] === actionId)?.Status, 'Sent', actionId);
    const logAgain = (await pageSheet(ribbon, CONTACT_LOG_SHEET)) as unknown[][];
    for (const { actionId } of chosen) assert.equal(logAgain.filter((line) => line[idColumn] === actionId).length, 1, `still one Contact Log line for ${actionId}`);

    // And once more, from the workbook as written: nothing approved is left to go.
    const third = JSON.parse(
      (await ribbon.evaluate(`new Promise((resolve) => window.__ribbon.sendApproved({ completed: () => resolve(localStorage.getItem('retention-desk.last-command')) }))`)) as string,
    ) as { message: string };
    assert.match(third.message, /Nothing to send/);
    await ribbon.close();

    // The pane closed while the rows were still Queued: the ribbon's Refresh statuses brings in how they went.
    const queued: WorkbookData = JSON.parse(JSON.stringify(approvedWorkbook));
    const dueSheet = queued.sheets.find((sheet) => sheet.name === DUE_ACTIONS_SHEET)!;
    const statusColumn = (dueSheet.cells[0] as unknown[]).indexOf('Status');
    for (const { line } of chosen) (dueSheet.cells[line - 1] as unknown[])[statusColumn] = 'Queued';
    const later = await openInExcel('commands.html', queued);
    await later.waitForFunction(() => Object.keys((window as unknown as { __ribbon: object }).__ribbon).length === 2);
    const refreshed = JSON.parse(
      (await later.evaluate(`new Promise((resolve) => window.__ribbon.refreshStatuses({ completed: () => resolve(localStorage.getItem('retention-desk.last-command')) }))`)) as string,
    ) as { message: string };
    assert.match(refreshed.message, new RegExp(`${APPROVED} rows brought up to date`));
    const refreshedRows = await dueActions(later);
    for (const { actionId } of chosen) assert.equal(refreshedRows.find((r) => r['Action ID'] === actionId)?.Status, 'Sent', actionId);
    const refreshedLog = (await pageSheet(later, CONTACT_LOG_SHEET)) as unknown[][];
    for (const { actionId } of chosen) assert.equal(refreshedLog.filter((line) => line[idColumn] === actionId).length, 1, `one Contact Log line for ${actionId}`);
    assert.equal(delivered.length, APPROVED, 'refreshing sends nothing');
    await later.close();
  });

  it('says in words how to start the worker when it is not running, and sends nothing', async () => {
    const page = await openInExcel('taskpane.html', lastWeek, 'https://localhost:1');
    await page.getByTestId('export-files').setInputFiles(paths);
    await shows(page, page.getByText(/contacts due/), 120_000);
    const first = ((await dueActions(page)).findIndex((row) => row.Method === 'Email' && row.To) ?? 0) + 2;
    await page.evaluate(([sheet, line]) => (window as unknown as { __fakeExcel: { type(s: string, a: string, v: string): void } }).__fakeExcel.type(sheet, `A${line}`, 'Yes'), [DUE_ACTIONS_SHEET, first] as const);
    const before = delivered.length;
    await page.getByRole('tab', { name: 'Send approved' }).click();
    await page.getByRole('button', { name: 'Check what will go' }).click();
    await shows(page, page.getByText(/cannot reach the worker at https:\/\/localhost:1[\s\S]*npx retention serve/));
    await screenshot(page, 'send-worker-down');
    assert.equal(delivered.length, before);
    await page.close();
  });
});
