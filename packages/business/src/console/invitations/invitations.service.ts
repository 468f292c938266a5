import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuth, requestHeaders } from '../auth/console-auth.service';
import { MemberErrors } from '../members/member-errors';
import { MembersRepository } from '../members/members.repository';

/**
 * Opening an invitation link: who it is for and where, then joining. A person without an account sets their name and
 * password here (Better Auth hashes it with scrypt); one who has an account proves it with their password. Either
 * way they leave signed in. Nobody can sign up any other way.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly auth: ConsoleAuth,
    private readonly repo: MembersRepository,
  ) {}

  async show(invitationId: string) {
    const invitation = await this.pending(invitationId);
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      business: invitation.business,
      expires_at: invitation.expiresAt.toISOString(),
      has_account: (await this.repo.userByEmail(invitation.email)) !== null,
    };
  }

  async accept(invitationId: string, req: FastifyRequest, name: string, password: string) {
    const invitation = await this.pending(invitationId);
    const existing = await this.repo.userByEmail(invitation.email);
    // An existing account proves its password by signing in first: the same per-account throttle as the sign-in page,
    // so an invitation link is no unthrottled way to guess someone's password.
    const signIn = () =>
      this.auth.call(() =>
        this.auth.api.signInEmail({
          body: { email: invitation.email, password },
          headers: requestHeaders(req),
          returnHeaders: true,
        }),
      );
    const signedIn = existing ? await signIn() : undefined;
    const user = existing ?? (await this.createUser(invitation.email, name, password));
    if (!(await this.repo.accept(invitation.id, { id: randomUUID(), userId: user.id }))) {
      throw MemberErrors.invitationNotFound(invitationId);
    }
    const session = signedIn ?? (await signIn());
    return {
      setCookies: session.headers.getSetCookie(),
      body: {
        business: invitation.business,
        role: invitation.role,
        user: { id: user.id, email: user.email, name: user.name },
      },
    };
  }

  /** A new person: the user and their password (hashed by Better Auth, scrypt). */
  private async createUser(email: string, name: string, password: string) {
    const ctx = await this.auth.auth.$context;
    const user = await ctx.internalAdapter.createUser({ email, name, emailVerified: true }, { method: 'invitation' });
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: await ctx.password.hash(password),
    });
    return user;
  }
  private async pending(invitationId: string) {
    const invitation = await this.repo.invitation(invitationId);
    if (invitation?.status !== 'pending' || invitation.expiresAt <= new Date()) {
      throw MemberErrors.invitationNotFound(invitationId);
    }
    return invitation;
  }
}
