package io.facenetstreams.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What makes one synthetic identity recognisable: several independent, clearly visible attributes
 * with many levels (face shape, skin tone, hair style and colour, eyes, brows, nose, mouth, marks,
 * glasses, facial hair, earrings). Lengths are in design units: the canvas is 100 x 100 with the
 * face centred at (50, 50). Colours are packed 0xRRGGBB.
 */
public record IdentityParameters(FaceShape face, Skin skin, Hair hair, Eyes eyes, Brows brows, Nose nose,
                                 Mouth mouth, Marks marks, Glasses glasses, FacialHair facialHair, int earringColour) {

    /** Half sizes of the face oval; jawRoundness 0 = tapering from the cheekbones, 1 = square jaw. */
    public record FaceShape(double halfWidth, double halfHeight, double jawRoundness, double chinWidth, double earSize) {
    }

    public record Skin(int tone, double blush) {
    }

    public enum HairStyle { BALD, BUZZ, SHORT, SIDE_PART, FRINGE, LONG, BOB, CURLY, MOHAWK, SPIKY, BUN }

    /** hairline: how far up the forehead the hair starts, as a fraction of the face half height. */
    public record Hair(HairStyle style, int colour, double hairline, boolean partLeft, double volume) {
    }

    /** spacing: half the distance between the eye centres; y: offset from the face centre. */
    public record Eyes(double spacing, double y, double width, double heightRatio, int irisColour, double tilt) {
    }

    public record Brows(double thickness, double tilt, double arch, double gap, double length, int colour) {
    }

    public enum NoseStyle { LINE, TRIANGLE, ROUND, WIDE }

    public record Nose(NoseStyle style, double length, double width) {
    }

    public record Mouth(double width, double y, double lipThickness, int lipColour, double restingSmile) {
    }

    /** Position relative to the face: x, y in [-1, 1] of the half width and half height. */
    public record Spot(double x, double y, double radius) {
    }

    public record Scar(double x, double y, double angle, double length) {
    }

    public record Marks(List<Spot> moles, long freckleSeed, int freckleCount, List<Scar> scars, List<Spot> birthmarks,
                        int birthmarkColour) {
        public Marks {
            moles = List.copyOf(moles);
            scars = List.copyOf(scars);
            birthmarks = List.copyOf(birthmarks);
        }
    }

    public enum GlassesStyle { NONE, ROUND, RECTANGULAR, CAT_EYE }

    public record Glasses(GlassesStyle style, int colour, double thickness, double size, boolean tinted) {
    }

    public enum FacialHairStyle { NONE, STUBBLE, MOUSTACHE, GOATEE, FULL_BEARD, CHIN_STRAP }

    public record FacialHair(FacialHairStyle style, int colour) {
    }

    /** No earrings when {@code earringColour} is this value. */
    public static final int NO_EARRINGS = -1;

    private static final int[] SKIN_TONES = {
        Rgb.of(62, 40, 30), Rgb.of(98, 64, 45), Rgb.of(135, 90, 60), Rgb.of(170, 120, 85),
        Rgb.of(200, 150, 110), Rgb.of(222, 178, 142), Rgb.of(238, 203, 172), Rgb.of(250, 224, 200)};

    private static final int[] NATURAL_HAIR = {
        Rgb.of(22, 18, 18), Rgb.of(55, 38, 28), Rgb.of(100, 68, 42), Rgb.of(125, 52, 28), Rgb.of(185, 92, 38),
        Rgb.of(160, 128, 78), Rgb.of(222, 192, 120), Rgb.of(236, 228, 205), Rgb.of(140, 140, 140), Rgb.of(232, 232, 232)};

    private static final int[] DYED_HAIR = {
        Rgb.of(40, 80, 210), Rgb.of(232, 88, 160), Rgb.of(45, 165, 85), Rgb.of(125, 55, 180), Rgb.of(30, 170, 180),
        Rgb.of(220, 40, 40)};

    private static final int[] IRIS = {
        Rgb.of(60, 35, 20), Rgb.of(105, 65, 30), Rgb.of(130, 110, 50), Rgb.of(70, 130, 70), Rgb.of(60, 110, 200),
        Rgb.of(130, 145, 160), Rgb.of(140, 190, 235), Rgb.of(190, 130, 40)};

    private static final int[] FRAMES = {
        Rgb.of(15, 15, 15), Rgb.of(100, 60, 30), Rgb.of(200, 30, 30), Rgb.of(205, 170, 60), Rgb.of(30, 60, 190),
        Rgb.of(240, 240, 240), Rgb.of(150, 40, 160)};

    private static final int[] LIPSTICK = {
        Rgb.of(200, 20, 40), Rgb.of(120, 10, 30), Rgb.of(230, 100, 140), Rgb.of(110, 40, 120)};

    /** Draws an identity; every attribute is drawn independently of the others. */
    public static IdentityParameters random(RandomGenerator r) {
        FaceShape face = new FaceShape(u(r, 20, 27), u(r, 27, 33), u(r, 0, 1), u(r, 0.2, 0.65), u(r, 0.7, 1.3));

        double t = r.nextDouble() * (SKIN_TONES.length - 1);
        int base = Rgb.mix(SKIN_TONES[(int) t], SKIN_TONES[Math.min((int) t + 1, SKIN_TONES.length - 1)], t - (int) t);
        int undertone = r.nextInt(-14, 15);
        int tone = Rgb.of(Rgb.r(base) + undertone / 2, Rgb.g(base), Rgb.b(base) - undertone);
        Skin skin = new Skin(tone, u(r, 0, 0.35));

        HairStyle style = pick(r, HairStyle.values(), 5, 5, 13, 12, 11, 13, 10, 10, 6, 7, 8);
        boolean dyed = r.nextDouble() < 0.15;
        int hairColour = Rgb.jitter(dyed ? DYED_HAIR[r.nextInt(DYED_HAIR.length)]
                : NATURAL_HAIR[r.nextInt(NATURAL_HAIR.length)], 12, r);
        Hair hair = new Hair(style, hairColour, u(r, 0.45, 0.8), r.nextBoolean(), u(r, 0.85, 1.3));
        int bodyHairColour = dyed ? NATURAL_HAIR[r.nextInt(3)] : hairColour;

        Eyes eyes = new Eyes(u(r, 8.5, 12.5), u(r, -7, -1.5), u(r, 3.8, 5.8), u(r, 0.45, 0.75),
                Rgb.jitter(IRIS[r.nextInt(IRIS.length)], 10, r), u(r, -0.15, 0.15));
        Brows brows = new Brows(u(r, 0.8, 3.0), u(r, -0.25, 0.25), u(r, 0, 1.6), u(r, 3, 6), u(r, 0.9, 1.4),
                Rgb.mix(bodyHairColour, 0x000000, 0.3));
        Nose nose = new Nose(pick(r, NoseStyle.values(), 1, 1, 1, 1), u(r, 8, 14), u(r, 3, 6.5));
        int lips = r.nextDouble() < 0.15 ? LIPSTICK[r.nextInt(LIPSTICK.length)]
                : Rgb.mix(tone, Rgb.of(170, 60, 60), u(r, 0.25, 0.6));
        Mouth mouth = new Mouth(u(r, 6, 11), u(r, 15, 20), u(r, 0.8, 2.5), lips, u(r, -0.4, 0.6));

        List<Spot> moles = new ArrayList<>();
        int moleCount = pick(r, new Integer[] {0, 1, 2, 3}, 50, 30, 15, 5);
        for (int i = 0; i < moleCount; i++) {
            moles.add(new Spot(u(r, -0.75, 0.75), u(r, -0.5, 0.8), u(r, 0.8, 2.0)));
        }
        int freckles = r.nextDouble() < 0.18 ? r.nextInt(15, 45) : 0;
        List<Scar> scars = r.nextDouble() < 0.12
                ? List.of(new Scar(u(r, -0.7, 0.7), u(r, -0.6, 0.7), u(r, 0, Math.PI), u(r, 6, 14))) : List.of();
        List<Spot> birthmarks = r.nextDouble() < 0.08
                ? List.of(new Spot(u(r, -0.7, 0.7), u(r, -0.4, 0.7), u(r, 3, 7))) : List.of();
        Marks marks = new Marks(moles, r.nextLong(), freckles, scars, birthmarks,
                Rgb.mix(tone, Rgb.of(150, 50, 60), u(r, 0.3, 0.6)));

        Glasses glasses = r.nextDouble() < 0.35
                ? new Glasses(pick(r, GlassesStyle.values(), 0, 1, 1, 1), FRAMES[r.nextInt(FRAMES.length)],
                        u(r, 0.6, 1.6), u(r, 0.9, 1.25), r.nextDouble() < 0.15)
                : new Glasses(GlassesStyle.NONE, 0, 0, 0, false);
        FacialHair facialHair = r.nextDouble() < 0.35
                ? new FacialHair(pick(r, FacialHairStyle.values(), 0, 1, 1, 1, 1, 1), bodyHairColour)
                : new FacialHair(FacialHairStyle.NONE, 0);
        int earrings = r.nextDouble() < 0.15 ? (r.nextBoolean() ? Rgb.of(230, 190, 60) : Rgb.of(210, 210, 220)) : NO_EARRINGS;
        return new IdentityParameters(face, skin, hair, eyes, brows, nose, mouth, marks, glasses, facialHair, earrings);
    }

    static double u(RandomGenerator r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** One of {@code values}, with the given relative weights. */
    static <T> T pick(RandomGenerator r, T[] values, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return values[i];
            }
        }
        throw new IllegalStateException("weights do not cover the values");
    }
}
