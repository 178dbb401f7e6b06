package io.facenetstreams.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code docs/configuration.md}, written from the catalogue (a test holds the committed file to it). */
public final class ConfigurationDoc {

    private ConfigurationDoc() {
    }

    /** The whole document. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration\n\n")
                .append("<!-- Generated from io.facenetstreams.core.config.RunOptions; do not edit. Regenerate with:\n")
                .append("     ").append(regenerateCommand()).append(" -->\n\n")
                .append("Every option of a run, defined once in `facenet-core` (`io.facenetstreams.core.config.RunOptions`).\n")
                .append("The services read them as `facenet.*` properties; each service's `application.properties`,\n")
                .append("its `@ConfigMapping` interface, `docker-compose.yml`, `./facenet up` and `train-sequential` are\n")
                .append("mappings onto this catalogue, and tests fail when one of them drifts from it.\n\n")
                .append("- **Property**: as the service reads it (system property `-D...`, or `application.properties`).\n")
                .append("  A value several stages must agree on is one option with each stage's property: `./facenet up`\n")
                .append("  sets them all from one value, and in docker-compose they must be equal.\n")
                .append("- **Environment**: Quarkus maps `FACENET_SAMPLER_PEOPLE_PER_BATCH` onto\n")
                .append("  `facenet.sampler.people-per-batch`. The trainer's reference-named options (`facenet.trainer.options.*`)\n")
                .append("  have no environment spelling (it could not tell `learning_rate` from `learning-rate`): set them\n")
                .append("  as system properties, e.g. in `JAVA_OPTS`.\n")
                .append("- **up**: the `./facenet up` option (the reference's underscore spelling works too; `train-sequential`\n")
                .append("  takes the reference-named ones under the same names).\n")
                .append("- **Default**: a service started with nothing set. Where `./facenet up` and docker-compose (a\n")
                .append("  pipeline that learns within minutes on a laptop CPU) or the reference's `train_tripletloss.py` (and\n")
                .append("  `train-sequential`) differ, their defaults follow. \"none\": see the description.\n\n")
                .append("| Property | Environment | up | Reference name | Type | Default | Read by | Description |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (RunOption o : RunOptions.all()) {
            md.append("| ").append(properties(o))
                    .append(" | ").append(envVars(o))
                    .append(" | ").append(o.cliFlag() == null ? "" : code(o.cliFlag()))
                    .append(" | ").append(o.referenceName() == null ? "" : code(o.referenceName()))
                    .append(" | ").append(type(o))
                    .append(" | ").append(defaults(o))
                    .append(" | ").append(o.stages().stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(escape(o.doc()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The command that rewrites the committed file from the catalogue. */
    public static String regenerateCommand() {
        return "mvn -B -o -q -pl facenet-core test -Dtest=ConfigurationDocTest -Dfacenet.write-docs=true";
    }

    private static String properties(RunOption o) {
        Set<String> props = new LinkedHashSet<>();
        o.stages().forEach(s -> props.add(o.property(s)));
        return props.stream().map(ConfigurationDoc::code).collect(Collectors.joining("<br>"));
    }

    private static String envVars(RunOption o) {
        Set<String> vars = new LinkedHashSet<>();
        for (Stage s : o.stages()) {
            vars.add(o.envVar(s).map(ConfigurationDoc::code).orElse("(`JAVA_OPTS`)"));
        }
        return String.join("<br>", vars);
    }

    private static String type(RunOption o) {
        return o.choices().isEmpty() ? o.type().label() : String.join(" \\| ", o.choices());
    }

    private static String defaults(RunOption o) {
        List<String> parts = new ArrayList<>();
        parts.add(o.defaultValue() == null ? "none" : code(o.defaultValue()));
        if (o.localDefault() != null) {
            parts.add("up: " + code(o.localDefault()));
        }
        if (o.referenceDefault() != null) {
            parts.add("reference: " + code(o.referenceDefault()));
        }
        return String.join("<br>", parts);
    }

    private static String code(String s) {
        return "`" + s.replace("|", "\\|") + "`";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
