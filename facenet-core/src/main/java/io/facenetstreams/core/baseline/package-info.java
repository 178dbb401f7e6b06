/** The sequential baseline: the reference's training loop in one process, from the same classes the services use. */
package io.facenetstreams.core.baseline;
