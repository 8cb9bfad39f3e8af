/**
 * The built-in defaults: the article's accounts and External ID. They live
 * here, outside `lib/`, which knows no account; configuration files and
 * EC2AR_* variables override them (see the README's "Configuration").
 */
import { ConfigSources, loadConfig } from "../lib/config/load";
import { AppConfig, ConfigLayer } from "../lib/config/schema";

/** Account A `111111111111` and one target, the article's account B `222222222222`, with its External ID. */
export const ARTICLE_DEFAULTS = {
  accountA: { accountId: "111111111111" },
  targets: [
    {
      name: "b",
      accountId: "222222222222",
      externalId: "unique-external-id-12345",
    },
  ],
} as const satisfies ConfigLayer;

/** The app's configuration: the article's defaults, then the config file, then the environment. */
export function loadAppConfig(
  env: ConfigSources["env"],
  readFile?: ConfigSources["readFile"],
): AppConfig {
  return loadConfig({ env, readFile, defaults: ARTICLE_DEFAULTS });
}
