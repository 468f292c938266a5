export { type ContractResponse, ContractViolation, contractFetch } from './client';
export { loadSpec, type OpenApiSpec, SPEC_PATH, specRoutes, toOpenApiPath } from './spec';
export { ContractValidator, type ObservedResponse } from './validator';
