package lexgate.vocabulary;

/**
 * A supervisory authority from {@code policies/authorities.yaml}: where it is competent (its country
 * and, in a federal State, its region) and for which bodies.
 */
@Doc("A supervisory authority from policies/authorities.yaml: where it is competent (its country and, in a federal State, its region) and for which bodies.")
public final class Authority {
    private final String id, name, country, region, bodies;

    /** Built by the policy loader. */
    @Doc("Built by the policy loader.")
    public Authority(String id, String name, String country, String region, String bodies) {
        this.id = id;
        this.name = name;
        this.country = country;
        this.region = region;
        this.bodies = bodies;
    }

    /** Its id, e.g. "ie-dpc", "fr-cnil", "de-hmbbfdi". */
    @Doc("Its id, e.g. \"ie-dpc\", \"fr-cnil\", \"de-hmbbfdi\".")
    public String getId() { return id; }
    /** Its name. */
    @Doc("Its name.")
    public String getName() { return name; }
    /** The country where it is competent, ISO 3166-1 alpha-2. */
    @Doc("The country where it is competent, ISO 3166-1 alpha-2.")
    @Codes(CodeSet.COUNTRY)
    public String getCountry() { return country; }
    /** The ISO 3166-2 region where it is competent (a German Land: "DE-HH"), or null for the whole country. */
    @Doc("The ISO 3166-2 region where it is competent (a German Land: \"DE-HH\"), or null for the whole country.")
    public String getRegion() { return region; }
    /** The bodies it supervises: "all", "private", "public" or "federal" (a federation's public bodies). */
    @Doc("The bodies it supervises: \"all\", \"private\", \"public\" or \"federal\" (a federation's public bodies).")
    public String getBodies() { return bodies; }
}
