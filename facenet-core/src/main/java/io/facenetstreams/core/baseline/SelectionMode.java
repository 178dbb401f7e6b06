package io.facenetstreams.core.baseline;

/** Which triplet selector the sequential baseline runs. */
public enum SelectionMode {
    /** The literal port of the reference's {@code select_triplets} (and naive ports of the other strategies). */
    LITERAL("literal"),
    /** The fast {@code TripletSelector}: the same candidate sets, and every strategy. */
    FAST("fast");

    private final String cliName;

    SelectionMode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static SelectionMode fromName(String name) {
        for (SelectionMode m : values()) {
            if (m.cliName.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown selection '" + name + "'; valid: literal, fast");
    }
}
