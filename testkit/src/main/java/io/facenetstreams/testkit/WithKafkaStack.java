package io.facenetstreams.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a real Kafka broker (KRaft) and a real schema registry, shared by every test
 * class of the JVM and stopped when the test run ends. Test methods and constructors can take a
 * {@link TestStack} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaStackExtension.class)
public @interface WithKafkaStack {
}
