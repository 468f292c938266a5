export { type Config, ConfigError, loadConfig, parseConfig } from './load';
export { type Env, envNames, envSchema } from './schema';
