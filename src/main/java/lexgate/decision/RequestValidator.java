package lexgate.decision;

import lexgate.policy.PolicySet;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a request against the contract's required fields and value sets, and against the open
 * taxonomies of the active policies. Returns every problem at once; an empty list means valid.
 */
public final class RequestValidator {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    private static final List<String> ARTICLES = List.of("6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)", "none");
    private static final List<String> SPECIAL_CONDITIONS = List.of("9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(d)", "9(2)(e)",
            "9(2)(f)", "9(2)(g)", "9(2)(h)", "9(2)(i)", "9(2)(j)", "none");
    private static final List<String> COLLECTED_BY = List.of("controller", "third-party");
    private static final List<String> EXCEPTIONS = List.of("contract", "law", "explicit-consent", "none");
    private static final List<String> SOURCES = List.of("data-subject", "observed", "third-party", "publicly-available",
            "scraped", "inferred");
    private static final List<String> ROLES = List.of("processor", "controller", "joint-controller");
    private static final List<String> MECHANISMS = List.of("adequacy", "dpf", "scc", "bcr", "derogation-art49", "none");
    private static final List<String> CHANNELS = List.of("email", "sms", "automated-call", "phone", "post", "in-app", "online-ads");
    /** ISO 3166-2: the country's alpha-2 code, a hyphen, and one to three letters or digits. */
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
    /** A CNIL reference methodology: MR-001, MR-002, ... */
    private static final java.util.regex.Pattern METHODOLOGY = java.util.regex.Pattern.compile("MR-\\d{3}");

    private final PolicySet policies;
    private final List<FieldError> errors = new ArrayList<>();

    private RequestValidator(PolicySet policies) { this.policies = policies; }

    /** Every problem with the request; empty when it is valid. */
    public static List<FieldError> validate(OperationRequest req, PolicySet policies) {
        RequestValidator v = new RequestValidator(policies);
        v.check(req);
        return List.copyOf(v.errors);
    }

    /** The longest operationId kept: the stored record's column holds this many characters. */
    public static final int MAX_OPERATION_ID = 512;

    /** The last day an asOf may name: a processing day, not a date of the far future (or of the next millennium). */
    public static final LocalDate LAST_AS_OF = LocalDate.of(2100, 12, 31);

    private void check(OperationRequest r) {
        controlCharacters("", r);
        if (r.operationId() != null && r.operationId().length() > MAX_OPERATION_ID) {
            add("operationId", "must be at most " + MAX_OPERATION_ID + " characters, got " + r.operationId().length());
        }
        if (r.asOf() != null) {
            try {
                LocalDate d = LocalDate.parse(r.asOf());
                if (d.isAfter(LAST_AS_OF)) {
                    add("asOf", "must be a day of processing no later than " + LAST_AS_OF + ", got '" + r.asOf() + "'");
                } else if (d.isBefore(policies.gdprAppliesFrom())) {
                    add("asOf", "the GDPR applies from " + policies.gdprAppliesFrom() + " (Art. 99(2)); "
                            + r.asOf() + " is before it and Lexgate holds no rules for that time");
                }
            } catch (DateTimeParseException e) {
                add("asOf", "must be an ISO date (YYYY-MM-DD), got '" + r.asOf() + "'");
            }
        }
        var c = r.controller();
        if (c == null) {
            add("controller", "is required");
        } else {
            required("controller.name", c.name());
            country("controller.establishment", c.establishment(), true);
            if (c.region() != null) {
                if (!REGION.matcher(c.region()).matches()) {
                    add("controller.region", "'" + c.region() + "' is not an ISO 3166-2 subdivision code such as DE-HH");
                } else if (c.establishment() != null && !c.region().startsWith(c.establishment() + "-")) {
                    add("controller.region", "'" + c.region() + "' is not a subdivision of controller.establishment "
                            + c.establishment());
                }
            }
        }
        var p = r.purpose();
        if (p == null) {
            add("purpose", "is required");
        } else {
            if (required("purpose.code", p.code())) taxonomy("purpose.code", p.code(), policies.purposes().keySet());
            if (p.originalPurpose() != null) taxonomy("purpose.originalPurpose", p.originalPurpose(), policies.purposes().keySet());
        }
        var lb = r.legalBasis();
        if (lb == null) {
            add("legalBasis", "is required");
        } else {
            if (required("legalBasis.article", lb.article())) closed("legalBasis.article", lb.article(), ARTICLES);
            closed("legalBasis.specialCategoryCondition", lb.specialCategoryCondition(), SPECIAL_CONDITIONS);
            if (lb.consent() != null) closed("legalBasis.consent.collectedBy", lb.consent().collectedBy(), COLLECTED_BY);
        }
        var d = r.data();
        if (d == null) {
            add("data", "is required");
        } else {
            if (d.categories() == null || d.categories().isEmpty()) {
                add("data.categories", "is required and must not be empty");
            } else {
                for (int i = 0; i < d.categories().size(); i++) {
                    taxonomy("data.categories[" + i + "]", d.categories().get(i), policies.dataCategoryKinds().keySet());
                }
            }
            closed("data.source", d.source(), SOURCES);
            if (d.subjectCount() != null && d.subjectCount() < 0) add("data.subjectCount", "must not be negative");
        }
        var s = r.subjects();
        if (s == null) {
            add("subjects", "is required");
        } else {
            if (s.countries() == null || s.countries().isEmpty()) {
                add("subjects.countries", "is required and must not be empty");
            } else {
                for (int i = 0; i < s.countries().size(); i++) country("subjects.countries[" + i + "]", s.countries().get(i), true);
            }
            if (s.categories() != null) {
                for (int i = 0; i < s.categories().size(); i++) {
                    taxonomy("subjects.categories[" + i + "]", s.categories().get(i), policies.subjectCategories());
                }
            }
            if (s.minimumAge() != null && (s.minimumAge() < 0 || s.minimumAge() > 130)) {
                add("subjects.minimumAge", "must be between 0 and 130");
            }
        }
        if (r.recipients() != null) {
            for (int i = 0; i < r.recipients().size(); i++) {
                var rc = r.recipients().get(i);
                if (rc == null) { add("recipients[" + i + "]", "must be an object"); continue; }
                closed("recipients[" + i + "].role", rc.role(), ROLES);
                country("recipients[" + i + "].country", rc.country(), false);
            }
        }
        if (r.transfers() != null) {
            for (int i = 0; i < r.transfers().size(); i++) {
                var t = r.transfers().get(i);
                if (t == null) { add("transfers[" + i + "]", "must be an object"); continue; }
                country("transfers[" + i + "].country", t.country(), true);
                closed("transfers[" + i + "].mechanism", t.mechanism(), MECHANISMS);
            }
        }
        var ret = r.retention();
        if (ret != null) {
            if (ret.days() != null && ret.days() < 0) add("retention.days", "must not be negative");
            if (ret.days() != null && Boolean.TRUE.equals(ret.indefinite())) {
                add("retention", "give either days or indefinite: true, not both");
            }
        }
        if (r.marketing() != null) closed("marketing.channel", r.marketing().channel(), CHANNELS);
        if (r.formalities() != null && r.formalities().referenceMethodology() != null) {
            String ref = r.formalities().referenceMethodology();
            // Any MR-nnn is accepted as the contract says (one the policies do not list is simply not a
            // recognised formality); another code must be a framework policies/formalities.yaml lists.
            java.util.Set<String> known = new java.util.TreeSet<>();
            for (var f : policies.referenceFrameworks()) known.add(f.getCode());
            if (!METHODOLOGY.matcher(ref).matches() && !known.contains(ref)) {
                add("formalities.referenceMethodology", "'" + ref + "' is neither a CNIL reference methodology code such as MR-004"
                        + " nor a framework listed in policies/formalities.yaml" + (known.isEmpty() ? "" : " (" + String.join(", ", known) + ")"));
            }
        }
        if (r.automatedDecision() != null) closed("automatedDecision.exception", r.automatedDecision().exception(), EXCEPTIONS);
        if (r.characteristics() != null) {
            for (int i = 0; i < r.characteristics().size(); i++) {
                taxonomy("characteristics[" + i + "]", r.characteristics().get(i), policies.characteristics());
            }
        }
    }

    private void add(String field, String message) { errors.add(new FieldError(field, message)); }

    /**
     * Every text of the request, at any depth, free of control characters (NUL, line feeds, ...): they
     * have no place in an operation id, a name or a code, and some databases refuse them (PostgreSQL
     * refuses NUL), which would turn bad input into a storage failure.
     */
    /**
     * Each record type's components with their accessors, looked up once: Class.getRecordComponents
     * makes new objects on every call, and walking every request with it was 7.5% of a decision's
     * CPU on the H2 profile (bench/run, issue 22).
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            java.lang.reflect.RecordComponent[] rc = type.getRecordComponents();
            Component[] out = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) out[i] = new Component(rc[i].getName(), rc[i].getAccessor());
            return out;
        }
    };

    private record Component(String name, java.lang.reflect.Method accessor) {}

    /** The path walked so far (names and list indexes), made into a field name only when a value is refused. */
    private final List<Object> trail = new ArrayList<>();

    private void controlCharacters(String path, Object value) {
        trail.clear();
        if (!path.isEmpty()) trail.add(path);
        walk(value);
    }

    private void walk(Object value) {
        if (value == null) return;
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                    add(trailPath(), "must not contain control characters (found U+" + String.format("%04X", (int) c) + ")");
                    return;
                }
                if (Character.isSurrogate(c)) {
                    // A pair is one character beyond the BMP (an emoji); half of one came as a JSON
                    // escape (UTF-8 cannot carry it) and is not Unicode text: PostgreSQL cannot store
                    // it and a driver would write "?" instead, so the record would not be the request.
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    add(trailPath(), "holds an unpaired surrogate (U+" + String.format("%04X", (int) c)
                            + ", half of a character beyond U+FFFF without its other half); send Unicode text");
                    return;
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                trail.add(i);
                walk(list.get(i));
                trail.remove(trail.size() - 1);
            }
        } else if (value instanceof Record rec) {
            for (Component c : COMPONENTS.get(rec.getClass())) {
                Object v;
                try {
                    v = c.accessor().invoke(rec);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v == null) continue;
                trail.add(c.name());
                walk(v);
                trail.remove(trail.size() - 1);
            }
        }
    }

    /** "data.categories[2]", or "(body)" at the top. */
    private String trailPath() {
        if (trail.isEmpty()) return "(body)";
        StringBuilder b = new StringBuilder();
        for (Object t : trail) {
            if (t instanceof Integer i) b.append('[').append(i).append(']');
            else b.append(b.length() == 0 ? "" : ".").append(t);
        }
        return b.toString();
    }

    private boolean required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    private void closed(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(field, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
    }

    private void taxonomy(String field, String value, Collection<String> known) {
        if (value == null || !known.contains(value)) {
            String near = lexgate.policy.Suggest.nearest(value, known);
            add(field, "unknown code '" + value + "'" + (near != null ? "; did you mean '" + near + "'?" : "") + "; known codes: "
                    + String.join(", ", known.stream().sorted().toList()));
        }
    }

    private void country(String field, String value, boolean requiredField) {
        if (value == null) {
            if (requiredField) add(field, "is required");
        } else if (!ISO_COUNTRIES.contains(value)) {
            add(field, "'" + value + "' is not an ISO 3166-1 alpha-2 country code in upper case");
        }
    }
}
