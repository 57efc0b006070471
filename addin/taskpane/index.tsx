/**
 * The task pane's entry: finds where it is open (Excel, or a plain browser), then shows the pane
 * or says how to open it in Excel. Fluent's light theme, or its high-contrast one when Windows
 * asks for forced colours.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, teamsHighContrastTheme, webLightTheme } from '@fluentui/react-components';
import { paneHost } from '../shared/office-host.ts';
import { App } from './App.tsx';
import { NotInExcel } from './NotInExcel.tsx';

const root = createRoot(document.getElementById('root')!);
const highContrast = window.matchMedia?.('(forced-colors: active)').matches ?? false;

paneHost().then((host) => {
  root.render(
    <FluentProvider theme={highContrast ? teamsHighContrastTheme : webLightTheme} style={{ minHeight: '100%' }}>
      {host.kind === 'excel' ? <App missingApi={host.missingApi} /> : <NotInExcel host={host.kind === 'other-office' ? host.host : null} />}
    </FluentProvider>,
  );
});
