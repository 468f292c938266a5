export {
  type BusinessConfig,
  type Config,
  ConfigError,
  type CoreConfig,
  loadConfig,
  type MessagingConfig,
  parseConfig,
  type WebhooksConfig,
} from './load';
export { type Env, envNames, envSchema } from './schema';
