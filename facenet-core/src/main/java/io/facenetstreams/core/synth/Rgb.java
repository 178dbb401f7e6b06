package io.facenetstreams.core.synth;

import java.awt.Color;
import java.util.random.RandomGenerator;

/** Small helpers for packed 0xRRGGBB colours. */
final class Rgb {

    private Rgb() {
    }

    static int of(int r, int g, int b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int r(int c) {
        return c >> 16 & 0xFF;
    }

    static int g(int c) {
        return c >> 8 & 0xFF;
    }

    static int b(int c) {
        return c & 0xFF;
    }

    /** Linear blend: t = 0 gives a, t = 1 gives b. */
    static int mix(int a, int b, double t) {
        return of((int) Math.round(r(a) + (r(b) - r(a)) * t), (int) Math.round(g(a) + (g(b) - g(a)) * t),
                (int) Math.round(b(a) + (b(b) - b(a)) * t));
    }

    /** Every channel times f. */
    static int scale(int c, double f) {
        return of((int) Math.round(r(c) * f), (int) Math.round(g(c) * f), (int) Math.round(b(c) * f));
    }

    /** Each channel moved by a uniform amount in [-amount, amount]. */
    static int jitter(int c, int amount, RandomGenerator r) {
        return of(r(c) + r.nextInt(-amount, amount + 1), g(c) + r.nextInt(-amount, amount + 1),
                b(c) + r.nextInt(-amount, amount + 1));
    }

    static int random(RandomGenerator r) {
        return of(r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    static Color color(int c) {
        return new Color(c);
    }

    static Color color(int c, double alpha) {
        return new Color(r(c), g(c), b(c), (int) Math.round(Math.max(0, Math.min(1, alpha)) * 255));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
