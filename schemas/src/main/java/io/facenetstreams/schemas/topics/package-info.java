/** The topic catalogue: names, partitions, cleanup policies and value types of every topic. */
package io.facenetstreams.schemas.topics;
