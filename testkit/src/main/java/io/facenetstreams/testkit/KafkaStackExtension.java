package io.facenetstreams.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestStack} parameters. The stack is started lazily, once per test JVM, and kept in the
 * root extension store so that JUnit closes it (stopping the broker and the registry) when the run ends.
 */
public final class KafkaStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return stack(extensionContext);
    }

    /** The shared stack of this test JVM, started on first use. */
    public static TestStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(TestStack.class, key -> TestStack.start(), TestStack.class);
    }
}
