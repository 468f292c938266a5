export function satisfiesRange(version: string, range: string): boolean;
export function nodeVersionProblem(range: string | undefined, version?: string): string | null;
