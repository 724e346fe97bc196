package lexgate.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * The metadata a rule file gives each rule ({@code @id}, {@code @cite}, {@code @jurisdiction},
 * {@code @inForce}, {@code @until}) with where the rule stands.
 */
public record RuleMeta(String id, String title, String packageName, String file, int line,
                       List<String> citations, String jurisdiction, LocalDate inForce, LocalDate until) {

    /** True when the rule is in force on the day: from {@code inForce} inclusive to {@code until} exclusive. */
    public boolean inForceOn(LocalDate day) {
        return (inForce == null || !day.isBefore(inForce)) && (until == null || day.isBefore(until));
    }
}
