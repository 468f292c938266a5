import { MAX_GROUP_MEMBERS } from '../groups/group-rules';

/** A status post leaves the server this long after it was sent, delivered and viewed or not (as WhatsApp's). */
export const STATUS_TTL_MS = 24 * 60 * 60 * 1000;

/** Accounts in a status audience at most: the list is a group with its owner as the one admin. */
export const MAX_STATUS_AUDIENCE = MAX_GROUP_MEMBERS - 1;
