package lexgate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import lexgate.decision.Decision;
import lexgate.decision.FieldError;
import lexgate.decision.InvalidRequestException;
import lexgate.store.DecisionIndex;
import lexgate.store.ListedValues;
import lexgate.store.StorageUnavailableException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GET /v1/decisions (contract, "Finding stored decisions"): the query parameters read and checked
 * (every problem at once: 400 for a limit that is not a number or a cursor this service did not
 * give, 422 for values outside their range or set, each naming its parameter), the page of rows
 * from {@link DecisionIndex}, and the page as JSON or as RFC 4180 CSV.
 */
@ApplicationScoped
public class DecisionListing {
    /** The page size when none is asked for, and the largest one may ask for. */
    public static final int DEFAULT_LIMIT = 50, MAX_LIMIT = 500;
    /** The CSV columns, in order (the JSON item's fields; ruleset flattened, rules joined by ';'). */
    public static final List<String> CSV_HEADER = List.of("decisionId", "operationId", "outcome", "asOf", "evaluatedAt", "purpose",
            "controller", "client", "rulesetVersion", "rulesetDigest", "rules");
    private static final Set<String> OUTCOMES = Set.of("ALLOW", "DENY", "REVIEW");
    private static final String CURSOR_PREFIX = "d1:";

    @Inject
    DecisionIndex index;

    @Inject
    ObjectMapper mapper;

    /**
     * Rule lists by their listed_rules column. A page lists up to 500 rows whose rule ids are few
     * combinations of a few hundred rules; splitting each row's column anew was a tenth of a search's
     * CPU at 1M rows (bench/README.md, issue 22). Bounded (Caffeine evicts the least used), and the
     * lists are immutable, so a cached one is the one a split would give.
     */
    private final Cache<String, List<String>> ruleLists = Caffeine.newBuilder().maximumSize(4_096).build();

    /**
     * One page: the items as the contract shows them and the cursor of the next page (null at the end).
     * The items are the documented schema's own type, so what the API writes is what it documents, and
     * Jackson writes them with a bean serializer rather than by walking maps (issue 22's search profile).
     */
    public record Page(List<ApiSchemas.DecisionSummary> items, String next) {}

    /** Reads the query, runs it, and shapes the page. */
    public Page page(MultivaluedMap<String, String> query) {
        DecisionIndex.Criteria criteria = criteria(query);
        List<DecisionIndex.Row> rows;
        try {
            // One more than asked: whether there is a next page, without a count.
            rows = index.search(new DecisionIndex.Criteria(criteria.outcome(), criteria.purpose(), criteria.rule(),
                    criteria.citation(), criteria.operationId(), criteria.client(), criteria.storedFrom(), criteria.storedTo(),
                    criteria.asOfFrom(), criteria.asOfTo(), criteria.beforeSeq(), criteria.limit() + 1));
        } catch (SQLException | RuntimeException e) {
            throw new StorageUnavailableException(e);
        }
        String next = null;
        if (rows.size() > criteria.limit()) {
            rows = rows.subList(0, criteria.limit());
            next = cursor(rows.get(rows.size() - 1).seq());
        }
        List<ApiSchemas.DecisionSummary> items = new ArrayList<>(rows.size());
        for (DecisionIndex.Row r : rows) items.add(item(r));
        return new Page(items, next);
    }

    private ApiSchemas.DecisionSummary item(DecisionIndex.Row r) {
        // A row stored since V7 lists its columns; an older one is read from its JSON, as before.
        String evaluatedAt, controller;
        List<String> rules;
        if (r.listedRules() != null) {
            // The response's evaluatedAt is written from this same instant (DecisionService.prepare).
            evaluatedAt = r.evaluatedAt().toString();
            controller = r.listedController();
            rules = ruleLists.get(r.listedRules(), c -> List.copyOf(ListedValues.splitRules(c)));
        } else {
            ListedValues.Listed response = ListedValues.fromResponse(mapper.getFactory(), r.responseJson());
            evaluatedAt = response.evaluatedAt() != null ? response.evaluatedAt() : r.evaluatedAt().toString();
            controller = ListedValues.controllerName(mapper.getFactory(), r.requestJson());
            rules = response.rules();
        }
        return new ApiSchemas.DecisionSummary(r.id(), r.operationId(), Decision.Outcome.valueOf(r.outcome()), r.asOf().toString(),
                evaluatedAt, r.purpose(), controller, r.client(), new Decision.RulesetRef(r.rulesetVersion(), r.rulesetDigest()), rules);
    }

    /** The page as CSV: RFC 4180 (CRLF, quotes doubled, a field quoted when it must be), a header line first. */
    public static String csv(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) p.printRecord(row);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** The page's rows in {@link #CSV_HEADER}'s order. */
    public static List<List<Object>> csvRows(Page page) {
        List<List<Object>> rows = new ArrayList<>(page.items().size());
        for (ApiSchemas.DecisionSummary i : page.items()) {
            rows.add(java.util.Arrays.asList(i.decisionId(), i.operationId(), i.outcome(), i.asOf(), i.evaluatedAt(), i.purpose(),
                    i.controller(), i.client(), i.ruleset().version(), i.ruleset().digest(), String.join(";", i.rules())));
        }
        return rows;
    }

    /** The Link header's target for the next page: this request's path and query with the cursor replaced. */
    public static String nextLink(UriInfo uri, String next) {
        URI u = uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build();
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static String cursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** The criteria a query asks for; throws 400 or 422 naming every parameter at fault. */
    DecisionIndex.Criteria criteria(MultivaluedMap<String, String> q) {
        List<FieldError> malformed = new ArrayList<>(), invalid = new ArrayList<>();
        String outcome = one(q, "outcome");
        if (outcome != null) {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (!OUTCOMES.contains(outcome)) invalid.add(new FieldError("outcome", "must be ALLOW, DENY or REVIEW"));
        }
        Instant storedFrom = instant(q, "storedFrom", false, invalid);
        Instant storedTo = instant(q, "storedTo", true, invalid);
        LocalDate asOfFrom = date(q, "asOfFrom", invalid);
        LocalDate asOfTo = date(q, "asOfTo", invalid);
        int limit = DEFAULT_LIMIT;
        String l = one(q, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l.trim());
                if (limit < 1 || limit > MAX_LIMIT) invalid.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
            } catch (NumberFormatException e) {
                malformed.add(new FieldError("limit", "must be an integer between 1 and " + MAX_LIMIT));
            }
        }
        Long before = null;
        String c = one(q, "cursor");
        if (c != null) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(c), StandardCharsets.US_ASCII);
                if (!s.startsWith(CURSOR_PREFIX)) throw new IllegalArgumentException();
                before = Long.parseLong(s.substring(CURSOR_PREFIX.length()));
                if (before < 1) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                malformed.add(new FieldError("cursor", "is not a cursor this service gave: pass the 'next' of the previous page unchanged"));
            }
        }
        List<FieldError> all = new ArrayList<>(malformed);
        all.addAll(invalid);
        if (!malformed.isEmpty()) throw new BadRequestBodyException("the query has malformed parameters; see errors", all);
        if (!invalid.isEmpty()) throw new InvalidRequestException(all);
        return new DecisionIndex.Criteria(outcome, one(q, "purpose"), one(q, "rule"), one(q, "citation"), one(q, "operationId"),
                one(q, "client"), storedFrom, storedTo, asOfFrom, asOfTo, before, limit);
    }

    /** The parameter's value; null when absent or empty. */
    private static String one(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An ISO instant (or offset date-time) or date; {@code to}: a date includes its whole day (UTC), an instant itself. */
    private static Instant instant(MultivaluedMap<String, String> q, String name, boolean to, List<FieldError> errors) {
        String s = one(q, name);
        if (s == null) return null;
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (to ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            Instant i = OffsetDateTime.parse(s).toInstant();
            // Stored times have at most microseconds: "< t + 1 µs" is "<= t".
            return to ? i.plusNanos(1_000) : i;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO instant (2026-11-28T14:02:11Z) or date (2026-11-28)"));
            return null;
        }
    }

    private static LocalDate date(MultivaluedMap<String, String> q, String name, List<FieldError> errors) {
        String s = one(q, name);
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO date (2026-11-28)"));
            return null;
        }
    }
}
