/** Codecs for record fields with a binary layout of their own. */
package io.facenetstreams.schemas.codec;
