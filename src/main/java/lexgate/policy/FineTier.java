package lexgate.policy;

import java.util.List;

/**
 * A tier of GDPR Art. 83 from {@code policies/fine-tiers.yaml}: its name ("83(5)"), its rank among
 * the tiers (higher is graver), its ceiling in words and the provisions fined under it.
 */
public record FineTier(String tier, int rank, String maximum, List<String> provisions) {
    /** True when the citation id is one of the provisions or extends one with "-" (eu-gdpr:A6 covers eu-gdpr:A6-1-f). */
    public boolean covers(String citationId) {
        // A plain loop, no "p + '-'" string per provision: this runs for every citation of every
        // decision, and the stream with its concatenations was about 14 KB of garbage a decision (bench/run).
        for (String p : provisions) {
            if (citationId.startsWith(p) && (citationId.length() == p.length() || citationId.charAt(p.length()) == '-')) {
                return true;
            }
        }
        return false;
    }
}
