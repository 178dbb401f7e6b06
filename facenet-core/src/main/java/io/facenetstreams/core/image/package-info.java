/**
 * Image decoding (PNG, JPEG to 8-bit RGB) and the reference's preprocessing: crop-or-pad or resize to the
 * model's size, random crop, random flip, per-image or fixed standardisation, producing CHW floats.
 */
package io.facenetstreams.core.image;
