'use client';
import { Button } from '../../../../components/ui/button';
import { Badge, Card, TableWrap } from '../../../../components/ui/misc';
import type { Schemas } from '../../../../lib/api/client';

/** The published versions, newest first: which one is live, and a way back to any earlier one. */
export function Versions({
  versions,
  live,
  readOnly,
  busy,
  onRollback,
}: {
  versions: Schemas['FlowVersion'][];
  live: number | null;
  readOnly: boolean;
  busy: boolean;
  onRollback: (version: number) => void;
}) {
  return (
    <Card aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      {versions.length === 0 ? (
        <p className="muted">Nothing published yet: customers are not answered until the draft is published.</p>
      ) : (
        <TableWrap label="Versions">
          <table className="table" data-testid="flow-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">Steps</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid={`version-${v.version}`}>
                  <th scope="row">v{v.version}</th>
                  <td>{new Date(v.published_time).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</td>
                  <td>{v.definition.nodes.length}</td>
                  <td>
                    {v.version === live ? (
                      <Badge tone="ok">live</Badge>
                    ) : readOnly ? (
                      '—'
                    ) : (
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        disabled={busy}
                        onClick={() => onRollback(v.version)}
                        data-testid={`rollback-${v.version}`}
                      >
                        Roll back to v{v.version}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Card>
  );
}
