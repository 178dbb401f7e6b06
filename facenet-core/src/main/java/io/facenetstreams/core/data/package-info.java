/**
 * Datasets in the class-folder layout, image references confined to a dataset root, the reference's
 * people sampling, and LFW {@code pairs.txt} files. Image paths travel as references relative to a
 * dataset root, never as absolute paths.
 */
package io.facenetstreams.core.data;
