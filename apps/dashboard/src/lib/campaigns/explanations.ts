// What a failed or skipped recipient's code means, in words an operator can act on. Codes are the Cloud API's (the
// campaign's failed messages and dispatch failures); reasons are the ledger's skip reasons (docs/campaigns.md).

const FAILURES: Record<string, string> = {
  '131000': 'Something went wrong: the message could not be sent for hours of retries. “Retry failed” sends it again.',
  '131016': 'The service was unavailable. “Retry failed” sends it again.',
  '130429': 'The number’s messages-per-second limit was reached. “Retry failed” sends it again.',
  '131048': 'The business’s messaging limit (unique people per 24 h) was reached. “Retry failed” sends it again later.',
  '131056': 'Too many messages to this person in a short time. “Retry failed” sends it again.',
  '131049': 'Held back to keep engagement healthy. “Retry failed” tries again later.',
  '131026': 'Undeliverable: the number has no account. If the person has joined since, “Retry failed” reaches them.',
  '131050': 'The person stopped marketing messages from this business. Not retried.',
  '131047': 'More than 24 hours since the person last wrote, and the message was not a template. Not retried.',
  '131053': 'The media could not be sent (gone, unreachable, wrong type or size). Fix the media: not retried.',
  '132000': 'The number of template parameters does not match the template. Fix the campaign’s parameters.',
  '132001': 'The template does not exist in this language.',
  '132005': 'The text is too long once this person’s values are filled in. Shorten the value in the audience.',
  '132012': 'A parameter has the wrong format for the template.',
  '132015': 'The template is paused because of low quality.',
  '132016': 'The template is disabled.',
};

const SKIPS: Record<string, string> = {
  invalid_number: 'Not a valid phone number.',
  duplicate: 'The same number appears earlier in the audience; it is sent once.',
  opted_out: 'The person opted out of marketing messages.',
  missing_variable: 'A value the template needs is empty for this person.',
  cancelled: 'Not sent: the campaign was cancelled first.',
};

export const explainFailure = (code: string) => FAILURES[code] ?? 'See the Cloud API error codes for this code.';
export const explainSkip = (reason: string) => SKIPS[reason] ?? reason.replaceAll('_', ' ');
