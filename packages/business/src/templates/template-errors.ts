import { ApiError } from '@switchboard/core/errors/api-error';

/** The Cloud API's template send errors (error-codes, "Send template errors"), with the field or reason in details. */
export const TemplateErrors = {
  countMismatch: (details: string) =>
    new ApiError(400, 132000, '(#132000) Number of parameters does not match the expected number of params', details),
  notFound: (name: string, language: string, why = 'does not exist') =>
    new ApiError(
      404,
      132001,
      '(#132001) Template name does not exist in the translation',
      `template name (${name}) ${why} in ${language}`,
    ),
  tooLong: (details: string) => new ApiError(400, 132005, '(#132005) Translated text too long', details),
  formatMismatch: (details: string) =>
    new ApiError(400, 132012, '(#132012) Parameter format does not match format in the created template', details),
  paused: (name: string) =>
    new ApiError(
      400,
      132015,
      '(#132015) Template is paused',
      `template ${name} is paused; edit it and wait for approval`,
    ),
  disabled: (name: string) =>
    new ApiError(400, 132016, '(#132016) Template is disabled', `template ${name} is disabled; create a new template`),
} as const;
