/**
 * Synthetic face-like identities: identity parameters drawn from a seed, images rendered with Java2D
 * under per-image nuisance (pose, lighting, background, occlusion, blur, noise, JPEG), written in the
 * class-folder layout plus an LFW-style folder and {@code pairs.txt}, so that the project trains and
 * evaluates without downloading any dataset.
 */
package io.facenetstreams.core.synth;
