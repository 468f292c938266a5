/** A media message that cannot be sent as asked (gone, unreachable, wrong type or size): fails with 131053. */
export class MediaSendError extends Error {}
