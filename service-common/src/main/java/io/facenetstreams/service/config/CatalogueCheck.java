package io.facenetstreams.service.config;

import io.facenetstreams.core.config.RunOption;
import io.facenetstreams.core.config.RunOptions;
import io.facenetstreams.core.config.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a service's configuration disagrees with the catalogue: a property it declares that the catalogue
 * does not list for it (or the other way round), a default in {@code application.properties} or a
 * {@code @WithDefault} that is not the catalogue's, a value that is not valid for its option. The check reads
 * the {@code @ConfigMapping} interface as SmallRye does (kebab-case names, {@code @WithName},
 * {@code @WithParentName}, nested groups, maps), without starting Quarkus.
 */
public final class CatalogueCheck {

    /** {@code ${facenet.x:default}}: another property's fallback, which must be the catalogue's default too. */
    private static final Pattern FALLBACK = Pattern.compile("\\$\\{(facenet\\.[a-z0-9.\\-_]+):([^}]*)}");

    private CatalogueCheck() {
    }

    /** A property the mapping declares: its full name, its {@code @WithDefault}, whether it is a map's prefix. */
    record Declared(String name, String withDefault, boolean optional, boolean map) {
    }

    /** The problems of a mapping and the {@code application.properties} beside it on the class path. */
    public static List<String> problems(Stage stage, Class<?> mapping) {
        Properties props = new Properties();
        try (InputStream in = mapping.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties beside " + mapping.getName());
            }
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems(stage, mapping, props);
    }

    /** The problems, one line each; empty when the service's configuration is the catalogue's. */
    public static List<String> problems(Stage stage, Class<?> mapping, Properties applicationProperties) {
        ConfigMapping cm = mapping.getAnnotation(ConfigMapping.class);
        if (cm == null) {
            throw new IllegalArgumentException(mapping + " is not a @ConfigMapping");
        }
        Map<String, Declared> declared = new LinkedHashMap<>();
        collect(mapping, cm.prefix(), declared);
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Declared d : declared.values()) {
            if (d.map()) {
                continue;
            }
            Optional<RunOption> option = RunOptions.byProperty(stage, d.name());
            if (option.isEmpty()) {
                problems.add(d.name() + ": declared by " + mapping.getSimpleName() + " but RunOptions has no option the "
                        + stage.service() + " reads under that name");
                continue;
            }
            covered.add(d.name());
            String given = applicationProperties.getProperty(d.name(), d.withDefault());
            checkDefault(option.get(), d.name(), given, d.withDefault() != null && !applicationProperties.containsKey(d.name())
                    ? "@WithDefault" : "application.properties", problems);
            if (option.get().defaultValue() == null && given == null && !d.optional()
                    && !option.get().doc().contains("required")) {
                problems.add(d.name() + ": has no default, is not Optional, and its doc does not say it is required");
            }
        }
        for (String key : new TreeSet<>(applicationProperties.stringPropertyNames())) {
            String value = applicationProperties.getProperty(key);
            Matcher m = FALLBACK.matcher(value);
            while (m.find()) {
                RunOptions.byProperty(m.group(1)).ifPresentOrElse(
                        o -> checkDefault(o, key + " (fallback of " + m.group(1) + ")", m.group(2), "application.properties", problems),
                        () -> problems.add(key + ": falls back on " + m.group(1) + ", which RunOptions does not list"));
            }
            if (!key.startsWith(RunOption.PREFIX) || declared.containsKey(key)) {
                continue;
            }
            Optional<Declared> map = declared.values().stream().filter(d -> d.map() && key.startsWith(d.name() + "."))
                    .findFirst();
            Optional<RunOption> option = RunOptions.byProperty(stage, key);
            if (map.isEmpty() || option.isEmpty()) {
                problems.add(key + ": set in application.properties but " + (map.isEmpty()
                        ? mapping.getSimpleName() + " does not declare it" : "RunOptions has no option the "
                        + stage.service() + " reads under that name"));
                continue;
            }
            covered.add(key);
            checkDefault(option.get(), key, value, "application.properties", problems);
        }
        for (RunOption o : RunOptions.readBy(stage)) {
            String p = o.property(stage);
            boolean underMap = declared.values().stream().anyMatch(d -> d.map() && p.startsWith(d.name() + "."));
            if (!covered.contains(p) && !underMap) {
                problems.add(p + ": RunOptions says the " + stage.service() + " reads it, but " + mapping.getSimpleName()
                        + " does not declare it");
            }
        }
        problems.sort(Comparator.naturalOrder());
        return problems;
    }

    private static void checkDefault(RunOption option, String where, String given, String source, List<String> problems) {
        String expected = option.defaultValue();
        if (given == null && expected == null) {
            return;
        }
        if (given == null || expected == null) {
            problems.add(where + ": default " + (given == null ? "none" : "'" + given + "' in " + source)
                    + ", RunOptions " + (expected == null ? "none" : "'" + expected + "'"));
            return;
        }
        try {
            if (!(given.contains("${") ? given.equals(expected) : option.sameValue(given, expected))) {
                problems.add(where + ": default '" + given + "' in " + source + ", RunOptions '" + expected + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
        }
    }

    private static void collect(Class<?> group, String prefix, Map<String, Declared> out) {
        for (Method m : group.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            Class<?> type = m.getReturnType();
            if (m.isAnnotationPresent(WithParentName.class)) {
                collect(type, prefix, out);
                continue;
            }
            WithName withName = m.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(m.getName()));
            if (isGroup(type)) {
                collect(type, name, out);
                continue;
            }
            WithDefault withDefault = m.getAnnotation(WithDefault.class);
            out.put(name, new Declared(name, withDefault == null ? null : withDefault.value(), type == Optional.class,
                    Map.class.isAssignableFrom(type)));
        }
    }

    /** A nested configuration group: an interface of ours, not a value type. */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
