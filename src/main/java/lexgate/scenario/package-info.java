/**
 * Scenarios: lawyer-readable YAML files beside the rules ({@code *.scenarios.yaml}), each a request,
 * the expected outcome, citations, obligations and the rules that must or must not fire.
 */
package lexgate.scenario;
