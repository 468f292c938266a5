/**
 * The one error shape of the API, the Cloud API's Graph error envelope:
 * `{"error":{"message","type","code","error_subcode"?,"error_data"?,"fbtrace_id"}}`.
 * Throw ApiError from services; the global filter renders it and fills in fbtrace_id (the request id).
 */
export interface ErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_data?: { messaging_product?: 'whatsapp'; details: string };
  fbtrace_id: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly details?: string,
    readonly type = 'OAuthException',
    readonly subcode?: number,
  ) {
    super(message);
  }

  /** Code 100: a parameter is missing or invalid; `details` names the field. */
  static invalidParameter(details: string): ApiError {
    return new ApiError(400, 100, '(#100) Invalid parameter', details);
  }

  static notFound(what: string): ApiError {
    return new ApiError(
      404,
      100,
      `(#100) Unsupported request - ${what} does not exist or you cannot access it`,
      undefined,
      'GraphMethodException',
      33,
    );
  }

  toBody(traceId: string): ErrorBody {
    return {
      message: this.message,
      type: this.type,
      code: this.code,
      ...(this.subcode !== undefined && { error_subcode: this.subcode }),
      ...(this.details !== undefined && {
        error_data: { messaging_product: 'whatsapp' as const, details: this.details },
      }),
      fbtrace_id: traceId,
    };
  }
}
