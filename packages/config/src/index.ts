export { type Config, ConfigError, type CoreConfig, loadConfig, type MessagingConfig, parseConfig } from './load';
export { type Env, envNames, envSchema } from './schema';
