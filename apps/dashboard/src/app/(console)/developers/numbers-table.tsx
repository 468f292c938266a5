import { Badge, EmptyState, TableWrap } from '../../../components/ui/misc';
import type { paths } from '../../../lib/api/schema';

type Numbers =
  paths['/console/v1/businesses/{businessId}/overview']['get']['responses']['200']['content']['application/json']['numbers'];

const QUALITY_TONE = { GREEN: 'ok', YELLOW: 'warn', RED: 'fail', UNKNOWN: 'neutral' } as const;

/** The business's numbers with the ids the API takes. */
export function NumbersTable({ numbers }: { numbers: Numbers }) {
  if (numbers.length === 0)
    return (
      <EmptyState title="No numbers yet">
        Add one with <code>npm run admin -- add-number --business &lt;id&gt; --number &lt;+E.164&gt;</code>; it shows up
        here with the id the API takes.
      </EmptyState>
    );
  return (
    <TableWrap label="Numbers">
      <table className="table" data-testid="numbers">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Phone number id</th>
            <th scope="col">Quality</th>
            <th scope="col">Messages / s</th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                {n.display_phone_number}
                <div className="muted small">{n.verified_name}</div>
              </th>
              <td>
                <code>{n.id}</code>
              </td>
              <td>
                <Badge tone={QUALITY_TONE[n.quality_rating]}>{n.quality_rating.toLowerCase()}</Badge>
              </td>
              <td>{n.messages_per_second}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
