'use client';
import { useRouter } from 'next/navigation';
import { BUSINESS_COOKIE } from '../../lib/business-cookie';
import { setPreference } from '../../lib/cookies';
import { NativeSelect } from '../ui/input';

/** Shown only to people in several businesses: picks the one every page shows (a cookie the server reads). */
export function BusinessSwitcher({
  memberships,
  current,
}: {
  memberships: { business: { id: string; name: string } }[];
  current: string;
}) {
  const router = useRouter();
  if (memberships.length < 2) return <span className="business-name">{memberships[0]?.business.name}</span>;
  return (
    <NativeSelect
      aria-label="Business"
      value={current}
      onChange={(e) => {
        setPreference(BUSINESS_COOKIE, e.target.value);
        router.refresh();
      }}
    >
      {memberships.map((m) => (
        <option key={m.business.id} value={m.business.id}>
          {m.business.name}
        </option>
      ))}
    </NativeSelect>
  );
}
