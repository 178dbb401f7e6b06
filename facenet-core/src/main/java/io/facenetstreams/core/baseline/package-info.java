/** The sequential baseline: the seed's training loop in one process, from the same classes the services use. */
package io.facenetstreams.core.baseline;
