/** Opened in a browser tab (or another Office application): how to open Retention Desk in Excel. */
import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
});

export function NotInExcel({ host }: { host: string | null }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <MessageBar intent="info" role="status">
        <MessageBarBody>
          <MessageBarTitle>Open Retention Desk in Excel</MessageBarTitle>
          {host ? `This is ${host}; Retention Desk works in Excel only.` : 'This page is the Retention Desk pane, and it works inside Excel, not in a browser tab.'}
        </MessageBarBody>
      </MessageBar>
      <Text as="p">In Excel (on the web or on Windows), go to <b>Home › Retention Desk › Open</b>.</Text>
      <Text as="p">
        No Retention Desk group on the Home tab? Add the add-in first: in Excel on the web, <b>Home › Add-ins › More add-ins › Upload My Add-in</b>, and choose the
        file <code>manifest.xml</code> (print one with <code>npx retention manifest</code>). The README explains Excel on Windows too.
      </Text>
    </main>
  );
}
