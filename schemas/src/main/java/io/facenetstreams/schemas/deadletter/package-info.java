/**
 * Dead letters: records that could not be processed go to {@code dead-letters} with the reason; nothing is dropped
 * silently. {@link io.facenetstreams.schemas.deadletter.DeadLetters} builds the records; the services send them with
 * service-common's {@code DeadLetterReporter}.
 */
package io.facenetstreams.schemas.deadletter;
