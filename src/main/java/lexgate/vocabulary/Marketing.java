package lexgate.vocabulary;

/**
 * {@code marketing}: how direct marketing reaches people. Always present; {@code present} is false
 * when the request had no marketing object.
 */
public final class Marketing {
    private final boolean present;
    private final String channel;
    private final Tri existingCustomer, similarProducts, optOutOffered;

    /** Built by the decision layer. */
    public Marketing(boolean present, String channel, Tri existingCustomer, Tri similarProducts, Tri optOutOffered) {
        this.present = present;
        this.channel = channel;
        this.existingCustomer = existingCustomer;
        this.similarProducts = similarProducts;
        this.optOutOffered = optOutOffered;
    }

    /** True when the request carried a marketing object. */
    @Doc("True when the request carried a marketing object.")
    public boolean isPresent() { return present; }
    /**
     * {@code marketing.channel}: "email", "sms", "automated-call", "phone", "post", "in-app",
     * "online-ads", or null when unknown.
     */
    @Codes(CodeSet.CHANNEL)
    @Doc(value = "How the marketing reaches people: email, sms, automated-call, phone, post, in-app, online-ads; null when unknown.", field = "marketing.channel")
    public String getChannel() { return channel; }
    /** True for e-mail, SMS and automated calls: the channels of ePrivacy Art. 13(1) and (2). */
    @Doc("True for e-mail, SMS and automated calls: the channels of ePrivacy Art. 13(1) and (2).")
    @RuleApi
    public boolean isElectronic() {
        return "email".equals(channel) || "sms".equals(channel) || "automated-call".equals(channel);
    }
    /** {@code marketing.existingCustomer}: the contact details were obtained in the context of a sale. */
    @Doc(value = "marketing.existingCustomer: the contact details were obtained in the context of a sale.", field = "marketing.existingCustomer")
    public Tri getExistingCustomer() { return existingCustomer; }
    /** {@code marketing.similarProducts}: the marketing is for the controller's own similar products or services. */
    @Doc(value = "marketing.similarProducts: the marketing is for the controller's own similar products or services.", field = "marketing.similarProducts")
    public Tri getSimilarProducts() { return similarProducts; }
    /** {@code marketing.optOutOffered}: people could object free of charge at collection and in each message. */
    @Doc(value = "marketing.optOutOffered: people could object free of charge at collection and in each message.", field = "marketing.optOutOffered")
    public Tri getOptOutOffered() { return optOutOffered; }
}
