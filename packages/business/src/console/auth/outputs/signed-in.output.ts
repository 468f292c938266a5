/** What a browser learns from signing in: who it is, or that a second factor is due. Never the session token. */
export function signedIn(body: Record<string, unknown>) {
  if (body.twoFactorRedirect === true) return { two_factor_required: true as const };
  const user = body.user as { id: string; email: string; name: string } | undefined;
  return { two_factor_required: false as const, user: user && { id: user.id, email: user.email, name: user.name } };
}

export function totpEnabled(body: Record<string, unknown>) {
  return { totp_uri: String(body.totpURI ?? ''), backup_codes: (body.backupCodes as string[] | undefined) ?? [] };
}
