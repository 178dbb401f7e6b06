/** Dead letters: records that could not be processed go to {@code dead-letters} with the reason; nothing is dropped silently. */
package io.facenetstreams.schemas.deadletter;
