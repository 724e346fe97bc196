package lexgate.policy;

/** A citable provision or guidance text: machine id, label for people, URL of the official text. */
public record Citation(String id, String label, String url) {}
