/**
 * Where the pane is open: in Excel (and whether this Excel has the API sets the add-in needs), in
 * another Office application, or in a plain browser tab, where it can only say how to open it in Excel.
 */

/** The Excel JavaScript API the add-in needs: ExcelApi 1.9 (Excel 2021, Microsoft 365, Excel on the web). */
export const NEEDED_API = { set: 'ExcelApi', version: '1.9' } as const;

export type PaneHost = { kind: 'excel'; missingApi: string | null } | { kind: 'other-office'; host: string } | { kind: 'browser' };

/** office.js answers within a moment; if it never does (it did not load), the pane is not in Office. */
export async function paneHost(waitMs = 4000): Promise<PaneHost> {
  if (typeof Office === 'undefined') return { kind: 'browser' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  const info = await Promise.race([Office.onReady(), timeout]);
  if (!info || !info.host) return { kind: 'browser' };
  if (info.host !== Office.HostType.Excel) return { kind: 'other-office', host: String(info.host) };
  const supported = Office.context.requirements.isSetSupported(NEEDED_API.set, NEEDED_API.version);
  return { kind: 'excel', missingApi: supported ? null : `${NEEDED_API.set} ${NEEDED_API.version}` };
}
