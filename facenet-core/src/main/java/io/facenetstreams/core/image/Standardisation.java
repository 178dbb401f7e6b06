package io.facenetstreams.core.image;

/** How pixel values are scaled before they reach the network. */
public enum Standardisation {
    /**
     * TensorFlow's {@code per_image_standardization}, the reference's:
     * {@code (x - mean) / max(std, 1 / sqrt(N))}, N = height * width * channels, population std.
     */
    PER_IMAGE,
    /** facenet's {@code fixed_image_standardization}: {@code (x - 127.5) / 128}. */
    FIXED,
    /** Raw 0..255 values as floats (for inspection and tests). */
    NONE;

    /** The name used on the command line and in checkpoint metadata: per-image, fixed or none. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Looks a standardisation up by its {@link #cliName()} (case-insensitive; '_' may replace '-'). */
    public static Standardisation fromName(String name) {
        for (Standardisation s : values()) {
            if (name != null && s.cliName().equals(name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown image standardisation '" + name + "': expected per-image, fixed or none");
    }

    /** The reference's {@code --use_fixed_image_standardization} flag: FIXED when set, PER_IMAGE (its default) otherwise. */
    public static Standardisation of(boolean fixedImageStandardization) {
        return fixedImageStandardization ? FIXED : PER_IMAGE;
    }
}
