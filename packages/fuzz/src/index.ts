export { type Credentials, casesFor, type FuzzRequest, routerCases } from './cases';
export { type Operation, operations } from './operations';
export { type Finding, type FuzzOptions, type FuzzSummary, fuzz } from './run';
export { fuzzSession, type SessionOptions } from './session';
