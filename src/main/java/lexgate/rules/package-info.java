/**
 * Where rules are loaded: reads {@code rules/} and {@code policies/}, lints the rule files as
 * untrusted code, compiles them with Drools at run time, and keeps the active {@link lexgate.rules.Ruleset}.
 */
package lexgate.rules;
