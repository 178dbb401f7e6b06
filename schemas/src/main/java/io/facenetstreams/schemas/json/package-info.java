/** JSON rendering of decoded Avro records, for {@code ./facenet tap} and logs. */
package io.facenetstreams.schemas.json;
