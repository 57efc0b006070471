/**
 * The task pane in a real headless Chromium: the built pane (out/addin/) served on loopback,
 * office.js from the @microsoft/office-js package in place of Microsoft's CDN, and, when asked, a
 * fake Excel host appended to it (Office.onReady resolving with Excel, the API sets it claims, a
 * small Excel.run that counts its batches).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import ts from 'typescript';
import { CHROMIUM } from './ensure-chromium.ts';

export const ADDIN_OUT = fileURLToPath(new URL('../../../out/addin/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../../out/test-screenshots/', import.meta.url));
const OFFICE_JS = fileURLToPath(new URL('../../../node_modules/@microsoft/office-js/dist/', import.meta.url));
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png', '.map': 'application/json' };

/** Serves a folder on 127.0.0.1 at a free port. */
export async function serveFolder(folder: string): Promise<{ origin: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(folder, path));
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, server };
}

/** Appended to office.js: Excel as the host, with API sets up to `excelApi`. */
function fakeExcelHost(excelApi: string): string {
  return `
;(function () {
  var ready = { host: 'Excel', platform: 'PC' };
  var context = { requirements: { isSetSupported: function (name, version) { return name === 'ExcelApi' && Number(version || '1.1') <= ${Number(excelApi)}; } } };
  // office.js sets Office.context itself as it starts, outside a host to nothing: ours stays.
  Object.defineProperty(Office, 'context', { configurable: false, get: function () { return context; }, set: function () {} });
  var onReady = function (callback) { if (callback) setTimeout(function () { callback(ready); }); return Promise.resolve(ready); };
  Object.defineProperty(Office, 'onReady', { configurable: false, get: function () { return onReady; }, set: function () {} });
  // The ribbon's handlers, by name, for a test to press.
  window.__ribbon = {};
  var actions = { associate: function (name, handler) { window.__ribbon[name] = handler; } };
  Object.defineProperty(Office, 'actions', { configurable: false, get: function () { return actions; }, set: function () {} });
  window.__excelBatches = 0;
  window.Excel = { run: function (batch) {
    window.__excelBatches += 1;
    var context = { workbook: { worksheets: { items: [], load: function () {}, getItemOrNullObject: function () { return { isNullObject: true, load: function () {} }; } } }, sync: function () { return Promise.resolve(); } };
    return Promise.resolve(batch(context));
  } };
})();`;
}

const FAKE_EXCEL = fileURLToPath(new URL('./fake-excel.ts', import.meta.url));

/**
 * Appended after the fake host: the in-memory Excel of fake-excel.ts as Excel.run, so the pane
 * reads and writes real sheets; window.__fakeExcel is it, for the test to fill and look at.
 */
async function fakeWorkbookHost(options: { separateHostTasks?: boolean } = {}): Promise<string> {
  const source = await readFile(FAKE_EXCEL, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  return `
;(function () {
  var exports = {};
  ${outputText}
  var excel = new exports.FakeExcel({ separateHostTasks: ${options.separateHostTasks ? 'true' : 'false'} });
  window.__fakeExcel = excel;
  window.__FakeExcelModule = exports;
  window.Excel = { run: excel.run };
})();`;
}

export interface PaneBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile and the flags that work on this machine. `trustAnyCertificate`:
 * for `retention serve`'s own self-signed certificate, as a garage's computer trusts it once.
 */
export async function launchChromium(options: { trustAnyCertificate?: boolean } = {}): Promise<PaneBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'pane-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 360, height: 900 }, // a task pane's width
    ignoreHTTPSErrors: options.trustAnyCertificate ?? false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new page with office.js served from the package (and the fake host when `excelApi` is given),
 * and every long main-thread task recorded from the first script on: its length in
 * window.__longTasks, its start and length in window.__longTaskSpans. `separateHostTasks`: the
 * fake host applies each sync in a task of its own (see FakeExcel).
 */
export async function panePage(browser: PaneBrowser, options: { excelApi?: string; workbook?: boolean; separateHostTasks?: boolean } = {}): Promise<Page> {
  const workbookHost = options.workbook ? await fakeWorkbookHost(options) : '';
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const tasks: number[] = [];
    const spans: { start: number; duration: number }[] = [];
    Object.assign(window, { __longTasks: tasks, __longTaskSpans: spans });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        tasks.push(entry.duration);
        spans.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.route(`${OFFICE_CDN}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice('/lib/1/hosted/'.length);
    const file = await readFile(join(OFFICE_JS, normalize(name))).catch(() => null);
    if (!file) return route.fulfill({ status: 404 });
    const body = name === 'office.js' && options.excelApi ? file.toString('utf8') + fakeExcelHost(options.excelApi) + workbookHost : file;
    return route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
  return page;
}

/** A fake Excel's workbook as plain data: its sheets' cells and formats, and its tables. */
export interface WorkbookData {
  sheets: { name: string; cells: unknown[][]; formats: unknown[][] }[];
  tables: { name: string; sheet: string; address: string; style: string }[];
  /** The add-in's settings saved in the workbook. */
  settings: [string, unknown][];
}

type PageExcel = {
  workbook: {
    addSheet(n: string): { name: string; cells: unknown[][]; formats: unknown[][] };
    sheet(n: string): unknown;
    sheets: { name: string; cells: unknown[][]; formats: unknown[][] }[];
    tables: { name: string; sheet: { name: string }; address: string; style: string }[];
    settings: Map<string, unknown>;
  };
};

/** The workbook of a fake Excel held in node (a FakeExcel's `workbook`), as data for a page. */
export function workbookData(workbook: PageExcel['workbook']): WorkbookData {
  return {
    sheets: workbook.sheets.map((s) => ({ name: s.name, cells: s.cells, formats: s.formats })),
    tables: workbook.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: t.address, style: t.style })),
    settings: [...workbook.settings],
  };
}

/** The page's open workbook (its fake Excel), as data: to open it again in another page, as after closing Excel. */
export async function takeWorkbook(page: Page): Promise<WorkbookData> {
  return page.evaluate(() => {
    const excel = (window as unknown as { __fakeExcel: PageExcel }).__fakeExcel;
    return {
      sheets: excel.workbook.sheets.map((s) => ({ name: s.name, cells: s.cells, formats: s.formats })),
      tables: excel.workbook.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: t.address, style: t.style })),
      settings: [...excel.workbook.settings],
    };
  });
}

/** Opens this workbook in the page's fake Excel (which must have none yet). */
export async function putWorkbook(page: Page, data: WorkbookData): Promise<void> {
  await page.evaluate((data) => {
    const excel = (window as unknown as { __fakeExcel: PageExcel }).__fakeExcel;
    for (const s of data.sheets) {
      const sheet = excel.workbook.addSheet(s.name);
      // JSON made the cells' holes null; the fake's blanks are undefined.
      s.cells.forEach((row, r) => (sheet.cells[r] = (row ?? []).map((v) => (v === null ? undefined : v))));
      s.formats.forEach((f, c) => (sheet.formats[c] = f ?? []));
    }
    for (const t of data.tables) excel.workbook.tables.push({ ...t, sheet: excel.workbook.sheet(t.sheet) as { name: string } });
    for (const [key, value] of data.settings) excel.workbook.settings.set(key, value);
  }, data);
}

/** A sheet of the page's open workbook as a user sees it (values from A1, blanks as ''). */
export async function pageSheet(page: Page, name: string): Promise<unknown[][]> {
  return page.evaluate((name) => (window as unknown as { __fakeExcel: { sheetValues(n: string): unknown[][] } }).__fakeExcel.sheetValues(name), name);
}
