package io.facenetstreams.core.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One option of a run.
 *
 * @param key          its property under {@code facenet.} as the first of its stages reads it
 *                     ({@code sampler.people-per-batch})
 * @param referenceName     the reference's argparse name ({@code people_per_batch}), or null where the reference has none
 * @param type         the kind of value
 * @param choices      the valid values (case-insensitive), or empty when any value of the type is
 * @param defaultValue the default of a service started with nothing set, or null when there is none (the doc
 *                     says what happens then)
 * @param localDefault the default of {@code ./facenet up} and docker-compose where it differs, else null
 * @param referenceDefault  the reference's (and {@code train-sequential}'s) default where it differs, else null
 * @param doc          one line on what it does
 * @param properties   each stage that reads it, with the property (under {@code facenet.}) it reads it as: a
 *                     value every stage must agree on is one option, read under each stage's own name
 * @param cliFlag      the {@code ./facenet up} option that sets it, or null
 */
public record RunOption(String key, String referenceName, OptionType type, List<String> choices, String defaultValue,
                        String localDefault, String referenceDefault, String doc, Map<Stage, String> properties,
                        String cliFlag) {

    public static final String PREFIX = "facenet.";

    /** Where the trainer reads the reference's training options, as a map from their reference names. */
    public static final String TRAINER_OPTIONS = "trainer.options.";

    public RunOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        choices = List.copyOf(choices);
        if (properties.isEmpty()) {
            throw new IllegalArgumentException(key + ": no stage reads it");
        }
        properties = Collections.unmodifiableMap(new EnumMap<>(properties));
        for (String value : new String[] {defaultValue, localDefault, referenceDefault}) {
            if (value != null && !value.contains("${")) {
                check(key, type, choices, value);
            }
        }
    }

    /** The stages that read it. */
    public Set<Stage> stages() {
        return properties.keySet();
    }

    /** Whether more than one stage reads it: then every stage must be given the same value. */
    public boolean shared() {
        return properties.size() > 1;
    }

    /** The full property ({@code facenet.sampler.alpha}) a stage reads it as; the stage must read it. */
    public String property(Stage stage) {
        String p = properties.get(stage);
        if (p == null) {
            throw new IllegalArgumentException(key + " is not read by the " + stage.service());
        }
        return PREFIX + p;
    }

    /**
     * The environment variable a stage reads it from ({@code FACENET_SAMPLER_ALPHA}, as Quarkus maps it onto
     * the property), or empty for a reference-named option of the trainer's options map: an environment variable
     * cannot tell {@code learning_rate} from {@code learning-rate}, so those are set as system properties
     * ({@code -Dfacenet.trainer.options.learning_rate=0.1}, e.g. in {@code JAVA_OPTS}).
     */
    public Optional<String> envVar(Stage stage) {
        String p = property(stage);
        if (p.startsWith(PREFIX + TRAINER_OPTIONS)) {
            return Optional.empty();
        }
        return Optional.of(p.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    /** The default in a profile, or null when there is none. */
    public String defaultIn(Profile profile) {
        return switch (profile) {
            case SERVICE -> defaultValue;
            case LOCAL -> localDefault != null ? localDefault : defaultValue;
            case REFERENCE -> referenceDefault != null ? referenceDefault : defaultValue;
        };
    }

    /** The value's canonical spelling; an IllegalArgumentException naming the option when it is not valid. */
    public String check(String value) {
        return check(key, type, choices, value);
    }

    private static String check(String key, OptionType type, List<String> choices, String value) {
        String canonical;
        try {
            canonical = type.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + key + ": " + e.getMessage(), e);
        }
        if (!choices.isEmpty()) {
            for (String c : choices) {
                if (c.equalsIgnoreCase(canonical)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(PREFIX + key + ": '" + value + "' is not one of " + String.join(", ", choices));
        }
        return canonical;
    }

    /** Whether two spellings are the same value of this option (both valid). */
    public boolean sameValue(String a, String b) {
        return check(a).equals(check(b));
    }

    static Builder option(String key, OptionType type, String defaultValue, String doc) {
        return new Builder(key, type, defaultValue, doc);
    }

    /** Builds a catalogue entry; the stages that read it are added last. */
    static final class Builder {
        private final String key;
        private final OptionType type;
        private final String defaultValue;
        private final String doc;
        private String referenceName;
        private List<String> choices = List.of();
        private String localDefault;
        private String referenceDefault;
        private String cliFlag;
        private final Map<Stage, String> properties = new EnumMap<>(Stage.class);

        private Builder(String key, OptionType type, String defaultValue, String doc) {
            this.key = key;
            this.type = type;
            this.defaultValue = defaultValue;
            this.doc = doc;
        }

        Builder reference(String name) {
            this.referenceName = name;
            return this;
        }

        Builder choices(String... values) {
            this.choices = List.of(values);
            return this;
        }

        Builder local(String value) {
            this.localDefault = value;
            return this;
        }

        Builder referenceDefault(String value) {
            this.referenceDefault = value;
            return this;
        }

        Builder cli(String flag) {
            this.cliFlag = flag;
            return this;
        }

        /** Stages that read it under its key. */
        Builder readBy(Stage... stages) {
            for (Stage s : stages) {
                properties.put(s, key);
            }
            return this;
        }

        /** A stage that reads it under another property. */
        Builder readAs(Stage stage, String property) {
            properties.put(stage, property);
            return this;
        }

        /** The trainer reads it from its map of the reference's training options. */
        Builder trainerOption() {
            return readAs(Stage.TRAINER, TRAINER_OPTIONS + Objects.requireNonNull(referenceName, "reference name"));
        }

        RunOption build() {
            return new RunOption(key, referenceName, type, choices, defaultValue, localDefault, referenceDefault, doc, properties,
                    cliFlag);
        }
    }
}
