import { ApiError } from '@switchboard/core/errors/api-error';

/** Cloud API 131053 "Media upload error": unsupported type, too large, or content that is not the declared type. */
export const mediaUploadError = (details: string) => new ApiError(400, 131053, '(#131053) Media upload error', details);
