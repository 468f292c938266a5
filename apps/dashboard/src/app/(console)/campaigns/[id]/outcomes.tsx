import Link from 'next/link';
import { Card, TableWrap } from '../../../../components/ui/misc';
import type { Schemas } from '../../../../lib/api/client';
import { explainFailure, explainSkip } from '../../../../lib/campaigns/explanations';

type Progress = Schemas['Campaign']['progress'];

/** Failures grouped by error code and skips by reason, each explained and linked to its recipients. */
export function Outcomes({ progress }: { progress: Progress }) {
  const failures = Object.entries(progress.failed.by_code).sort((a, b) => b[1] - a[1]);
  const skips = Object.entries(progress.skipped.by_reason).sort((a, b) => b[1] - a[1]);
  if (!failures.length && !skips.length) return null;
  return (
    <Card aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">What did not arrive</h2>
      <TableWrap label="Failures and skips">
        <table className="table" data-testid="failures">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Recipients</th>
              <th scope="col">What it means</th>
            </tr>
          </thead>
          <tbody>
            {failures.map(([code, count]) => (
              <tr key={`f${code}`} data-testid={`failure-${code}`}>
                <th scope="row">
                  <Link href={`?state=failed&code=${code}`}>failed {code}</Link>
                </th>
                <td>{count.toLocaleString('en')}</td>
                <td>{explainFailure(code)}</td>
              </tr>
            ))}
            {skips.map(([reason, count]) => (
              <tr key={`s${reason}`} data-testid={`skip-${reason}`}>
                <th scope="row">
                  <Link href={`?state=skipped&code=${reason}`}>skipped: {reason.replaceAll('_', ' ')}</Link>
                </th>
                <td>{count.toLocaleString('en')}</td>
                <td>{explainSkip(reason)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Card>
  );
}
