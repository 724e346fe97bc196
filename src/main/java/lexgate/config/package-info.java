/**
 * The service's configuration: every {@code lexgate.*} property, typed and documented in one
 * place ({@link lexgate.config.LexgateConfig}). Beneath every other package; imports none of them.
 */
package lexgate.config;
