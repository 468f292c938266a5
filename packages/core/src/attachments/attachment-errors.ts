import { ApiError } from '../errors/api-error';

/** The attachment endpoints' errors, in the API's one envelope (docs/core.md "Attachments"). */
export const AttachmentErrors = {
  tooLarge: (max: number) =>
    new ApiError(413, 100, '(#100) Attachment too large', `body: more than ATTACHMENT_MAX_BYTES (${max} bytes)`),
  empty: () => ApiError.invalidParameter('body: expected the encrypted attachment as application/octet-stream bytes'),
  interrupted: () => ApiError.invalidParameter('body: the upload ended before all its bytes arrived'),
  notFound: (id: string) => ApiError.notFound(`attachment '${id}'`),
} as const;
