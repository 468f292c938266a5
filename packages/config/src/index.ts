export { type Config, ConfigError, type CoreConfig, loadConfig, parseConfig } from './load';
export { type Env, envNames, envSchema } from './schema';
