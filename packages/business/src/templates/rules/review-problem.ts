/** One reason to reject, in Meta's vocabulary: `reason` is the webhook's `reason`, the rest its `rejection_info`. */
export interface ReviewProblem {
  reason: 'INVALID_FORMAT' | 'ABUSIVE_CONTENT';
  field: string;
  message: string;
  recommendation: string;
}

/** The policy limits (templates/components). */
export const LIMITS = { body: 1024, header: 60, footer: 60, buttonText: 25, url: 2000, phone: 20, copyCode: 15 };

export const invalid = (field: string, message: string, recommendation: string): ReviewProblem => ({
  reason: 'INVALID_FORMAT',
  field,
  message,
  recommendation,
});

export function limit(text: string, max: number, field: string, what: string, problems: ReviewProblem[]) {
  const length = [...text].length;
  if (length > max)
    problems.push(
      invalid(
        field,
        `The ${what} is ${length} characters; the limit is ${max}.`,
        `Shorten the ${what} to at most ${max} characters.`,
      ),
    );
}
