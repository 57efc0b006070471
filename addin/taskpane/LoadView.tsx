/**
 * Load exports: pick or drop CSV and XLSX files (several at once); they are read and worked out in
 * the pane's Web Worker, with a progress bar; then the counts, the sheets and every import problem
 * with where to look.
 */
import { useRef, useState, type DragEvent } from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { londonDate } from '../../core/index.ts';
import type { LoadOutcome } from '../import/load-messages.ts';
import { openWorkbook } from '../shared/open-workbook.ts';
import { loadSettings } from '../shared/worker-settings.ts';
import { loadExports, type LoadProgress } from './load-exports.ts';

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropping: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  problem: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  list: { margin: 0, paddingInlineStart: 0, listStyle: 'none' },
});

const KIND_NAMES: Record<string, string> = { customers: 'Customers', units: 'Units (vehicles)', jobs: 'Jobs', advisories: 'Advisories', bookings: 'Booking requests' };
const ACCEPTED = '.csv,.txt,.xlsx,.xlsm';
/** A pane is narrow: the first problems are listed, the rest are on the Import Problems sheet. */

export function LoadView({ canWrite }: { canWrite: boolean }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const [outcome, setOutcome] = useState<LoadOutcome | null>(null);
  const [stopped, setStopped] = useState<string[] | null>(null);

  async function load(files: File[]) {
    if (files.length === 0 || progress) return;
    setOutcome(null);
    setStopped(null);
    setProgress({ done: 0, total: files.length + 2, step: 'Starting' });
    const workbook = canWrite ? openWorkbook() : null;
    const result = await loadExports(files, workbook, { asOf: londonDate(new Date()), by: loadSettings().by }, setProgress);
    setProgress(null);
    if ('outcome' in result) setOutcome(result.outcome);
    else setStopped(result.stopped);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDropping(false);
    void load([...event.dataTransfer.files]);
  }

  return (
    <section className={styles.view} aria-label="Load exports">
      <div
        className={mergeClasses(styles.drop, dropping && styles.dropping)}
        onDragOver={(e) => {
          e.preventDefault();
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
      >
        <Text weight="semibold">Drop this week's exports here</Text>
        <Caption1>CSV or Excel files: customers, vehicles, jobs, advisories, booking requests</Caption1>
        <Button appearance="primary" onClick={() => input.current?.click()} disabled={progress !== null}>
          Choose export files…
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPTED}
          hidden
          data-testid="export-files"
          onChange={(e) => {
            void load([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>

      {progress && (
        <div role="status" aria-live="polite">
          <ProgressBar value={progress.done / progress.total} thickness="large" aria-label="Loading the exports" />
          <Caption1>{progress.step}…</Caption1>
        </div>
      )}

      {stopped && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Nothing was written</MessageBarTitle>
            {stopped.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}

      {outcome && <Outcome outcome={outcome} />}
    </section>
  );
}

function Outcome({ outcome }: { outcome: LoadOutcome }) {
  const styles = useStyles();
  const { summary } = outcome;
  return (
    <>
      <MessageBar intent={outcome.written ? 'success' : 'info'} role="status">
        <MessageBarBody>
          <MessageBarTitle>{summary.dueActions.total} contacts due</MessageBarTitle>
          {outcome.written
            ? 'The sheets are written into this workbook.'
            : 'Worked out and shown here, but not written: this Excel cannot take the sheets (it needs Excel for Microsoft 365, Excel 2021 or later, or Excel on the web).'}
        </MessageBarBody>
      </MessageBar>

      <Subtitle2 as="h2">Imported</Subtitle2>
      <Table size="small" aria-label="Records imported per kind">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Export</TableHeaderCell>
            <TableHeaderCell>Records</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {Object.entries(summary.imported).map(([kind, count]) => (
            <TableRow key={kind} data-kind={kind}>
              <TableCell>{KIND_NAMES[kind] ?? kind}</TableCell>
              <TableCell>{count.toLocaleString('en-GB')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Text>
        Due by email {summary.dueActions.byMethod.Email}, by text {summary.dueActions.byMethod.SMS}, by letter {summary.dueActions.byMethod.Letter}; {summary.dueActions.unreachable} with
        no usable address. Drifting {summary.lifecycle.drifting}, lapsing {summary.lifecycle.lapsing}.
      </Text>

      <Subtitle2 as="h2">Sheets</Subtitle2>
      <Table size="small" aria-label="Sheets of the workbook">
        <TableBody>
          {outcome.sheets.map((sheet) => (
            <TableRow key={sheet.name}>
              <TableCell>{sheet.name}</TableCell>
              <TableCell>{sheet.rows.toLocaleString('en-GB')} rows</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Subtitle2 as="h2">{summary.problems === 0 ? 'No import problems' : `${summary.problems} import problems`}</Subtitle2>
      {outcome.problems.length > 0 && (
        <ul className={styles.list} aria-label="Import problems">
          {outcome.problems.map((p, i) => (
            <li key={i} className={styles.problem}>
              <Text weight="semibold">{p.place || 'The exports'}</Text>
              <Text>{p.message}</Text>
              {p.action && <Caption1>{p.action}</Caption1>}
            </li>
          ))}
        </ul>
      )}
      {summary.problems > outcome.problems.length && <Caption1>and {summary.problems - outcome.problems.length} more, all on the Import Problems sheet.</Caption1>}
    </>
  );
}
