package io.facenetstreams.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build-time facts about the local stack (versions, where Maven keeps the registry distribution). */
final class StackProperties {

    private static final Properties PROPS = load();

    private StackProperties() {
    }

    static String get(String key) {
        String value = PROPS.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new IllegalStateException("build property '" + key + "' is missing from facenet-local-stack.properties: "
                    + "rebuild the project (mvn package)");
        }
        return value;
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = StackProperties.class.getResourceAsStream("/facenet-local-stack.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }
}
