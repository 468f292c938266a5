import type { Metadata } from 'next';
import { Alert } from '../../../components/ui/misc';
import { serverApi } from '../../../lib/api/server';
import { AcceptForm } from './accept-form';

export const metadata: Metadata = { title: 'Join' };

export default async function InvitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data } = await (await serverApi()).GET('/console/v1/invitations/{invitationId}', {
    params: { path: { invitationId: id } },
  });
  if (!data) {
    return (
      <div className="narrow">
        <h1>Invitation</h1>
        <Alert testId="invitation-invalid">
          This invitation link is no longer valid: it was used, cancelled or has expired. Ask for a new one.
        </Alert>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Join {data.business.name}</h1>
      <p>
        You are invited as <strong>{data.role}</strong> with <strong>{data.email}</strong>.
      </p>
      <AcceptForm id={id} email={data.email} hasAccount={data.has_account} />
    </div>
  );
}
