package lexgate.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the JSON Jackson wrote for a decision's reasons, obligations and supervision, and writes
 * it again as is when the same value comes back (issue 22: writing a decision's JSON was the largest
 * part of the pipeline beyond the evaluation, and two thirds of it went to the citations, the same
 * few labels and URLs rendered and escaped again for every decision).
 *
 * <p>Jackson still writes every byte the first time, with its own serializer for the type (the
 * wrapper is installed by a {@link BeanSerializerModifier}, Jackson's way to decorate the serializer
 * it built); only the reuse is ours, because Jackson keeps no output between calls. The key is the
 * value itself (records: equal fields, equal JSON), so a cached text is only ever written for an equal
 * value. The output is byte for byte what Jackson writes without this module
 * ({@code RememberedJsonTest}); it is used only on a compact JSON text generator with Jackson's default escaping,
 * and each cache is cleared when it holds {@link #LIMIT} texts, so memory stays bounded when
 * explanations carry request values.
 */
public final class DecisionJson {
    /** Texts kept per type before the cache starts again (a reason's JSON is a few hundred bytes to 2 KB). */
    static final int LIMIT = 4_096;

    /** The types whose JSON is remembered: the parts of a decision that repeat from one decision to the next. */
    static final Set<Class<?>> MEMOIZED = Set.of(Decision.Reason.class, Decision.Obligation.class, Decision.Supervision.class);

    private DecisionJson() {}

    /** The module, for a mapper the service does not build (the benchmark, the tests). */
    public static Module module() {
        return new Module();
    }

    /** The module: one cache of texts per remembered type, kept by the module (so per mapper). */
    public static final class Module extends SimpleModule {
        private final Map<Class<?>, Map<Object, SerializedString>> caches = new ConcurrentHashMap<>();

        Module() {
            super("lexgate-decision-json");
            setSerializerModifier(new BeanSerializerModifier() {
                @Override
                public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription desc, JsonSerializer<?> serializer) {
                    Class<?> type = desc.getBeanClass();
                    return MEMOIZED.contains(type)
                            ? new Memo(serializer, caches.computeIfAbsent(type, t -> new ConcurrentHashMap<>()))
                            : serializer;
                }
            });
        }

        /** How many texts the module holds for the type (tests: the bound holds). */
        int held(Class<?> type) {
            Map<Object, SerializedString> m = caches.get(type);
            return m == null ? 0 : m.size();
        }
    }

    /** A thread's buffer for {@link #utf8}; one that grew beyond this is not kept. */
    private static final int KEPT_BUFFER = 256 * 1024;
    private static final ThreadLocal<java.io.ByteArrayOutputStream> BUFFER =
            ThreadLocal.withInitial(() -> new java.io.ByteArrayOutputStream(16 * 1024));

    /**
     * The value's JSON as UTF-8, as {@link ObjectMapper#writeValueAsBytes} writes it, into a buffer
     * this thread reuses: {@code writeValueAsBytes} collects the output in a chain of new blocks
     * and copies them into the result, which for a decision's 5 to 20 KB allocated the blocks anew
     * every time; here only the result is allocated. (The JDK's stream, reset, not a hand-made one.)
     */
    public static byte[] utf8(ObjectMapper mapper, Object value) throws IOException {
        java.io.ByteArrayOutputStream out = BUFFER.get();
        out.reset();
        try {
            mapper.writeValue(out, value);
            return out.toByteArray();
        } finally {
            if (out.size() > KEPT_BUFFER) BUFFER.remove();
        }
    }

    /** Installs the module on the service's mapper, and {@link #configure}s it. */
    @Singleton
    public static class Customizer implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            configure(mapper);
        }
    }

    /**
     * The module, and characters beyond the Basic Multilingual Plane (an emoji, say) written to
     * UTF-8 as themselves, not as two JSON escapes of a surrogate each: a new decision's JSON is written
     * straight to UTF-8 (DecisionService.prepare), and this keeps its bytes those of the text
     * written before and encoded (Jackson's default escapes them, unlike its text writer). A lone
     * surrogate, which UTF-8 cannot hold, stays an escape.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(module())
                .configure(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8, true);
    }

    /** Jackson's serializer for the type, with the texts it wrote. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class Memo extends JsonSerializer<Object> implements ResolvableSerializer, ContextualSerializer {
        /** Renders a miss: Jackson's default factory, so the same escaping as a default mapper's compact output. */
        private static final JsonFactory FACTORY = new JsonFactory();
        private final JsonSerializer delegate;
        private final Map<Object, SerializedString> texts;

        Memo(JsonSerializer<?> delegate, Map<Object, SerializedString> texts) {
            this.delegate = delegate;
            this.texts = texts;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (!plain(gen)) {
                delegate.serialize(value, gen, provider);
                return;
            }
            SerializedString text = texts.get(value);
            if (text == null) {
                java.io.StringWriter out = new java.io.StringWriter(512);
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    delegate.serialize(value, g, provider);
                }
                // Jackson's SerializedString keeps the text's UTF-8 once made: a byte generator (the
                // service writes a new decision as UTF-8) copies those bytes instead of encoding the
                // text again each time; a character generator copies the characters.
                text = new SerializedString(out.toString());
                if (texts.size() >= LIMIT) texts.clear();
                texts.put(value, text);
            }
            gen.writeRawValue(text);
        }

        /**
         * A compact JSON text generator with Jackson's default escaping: the only kind a remembered
         * text is written to. Not a token buffer ({@code convertValue}, {@code valueToTree}), which
         * would keep the text as one opaque value instead of the tokens a reader expects.
         */
        private static boolean plain(JsonGenerator gen) {
            return gen instanceof com.fasterxml.jackson.core.json.JsonGeneratorImpl && gen.getPrettyPrinter() == null && gen.getCharacterEscapes() == null
                    && !gen.isEnabled(JsonGenerator.Feature.ESCAPE_NON_ASCII) && gen.getHighestEscapedChar() == 0;
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
                throws IOException {
            delegate.serializeWithType(value, gen, provider, typeSer);
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public Class<Object> handledType() {
            return delegate.handledType();
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer r) r.resolve(provider);
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) throws JsonMappingException {
            if (!(delegate instanceof ContextualSerializer c)) return this;
            JsonSerializer<?> d = c.createContextual(provider, property);
            return d == delegate ? this : new Memo(d, texts);
        }
    }
}
