package io.facenetstreams.core.synth;

import java.util.random.RandomGenerator;

/**
 * What changes from one photo of an identity to the next. Every range scales with the nuisance
 * strength in [0, 1]: 0 renders a frontal, centred, evenly lit face on a grey background.
 *
 * @param yaw          head turn in [-1, 1]: features slide sideways by their depth
 * @param pitch        head nod in [-1, 1]: features slide vertically
 * @param roll         in-plane rotation (radians)
 * @param scale        zoom factor
 * @param shiftX       horizontal shift, fraction of the image size
 * @param shiftY       vertical shift, fraction of the image size
 * @param smile        mouth curvature added to the identity's resting smile
 * @param mouthOpen    0 closed .. 1 open
 * @param eyeOpen      0 closed .. 1 open
 * @param browRaise    eyebrow lift (design units)
 * @param glassesOn    whether an identity with glasses wears them in this photo
 * @param background   background kind: 0 flat, 1 gradient, 2 gradient with clutter
 * @param background1  first background colour
 * @param background2  second background colour (gradient end)
 * @param clutter      number of clutter shapes behind the head
 * @param clothing     shirt colour
 * @param lightAngle   direction the light comes from (radians)
 * @param lightStrength brightness difference across the face, 0 .. ~0.7
 * @param brightness   overall gain
 * @param contrast     contrast around mid grey
 * @param gamma        gamma exponent
 * @param castR        red gain (colour cast)
 * @param castG        green gain
 * @param castB        blue gain
 * @param blurSigma    Gaussian blur sigma, in pixels of a 64 px image
 * @param noiseSigma   Gaussian pixel noise sigma (0..255 scale)
 * @param occlusion    0 none, 1 bar, 2 blob
 * @param occluderColour occluder colour
 * @param occluderX    occluder centre x, fraction of the image
 * @param occluderY    occluder centre y, fraction of the image
 * @param occluderW    occluder width, fraction of the image
 * @param occluderH    occluder height, fraction of the image
 * @param occluderAngle occluder rotation
 * @param jpegQuality  0 = no JPEG round trip, else the quality 1..100
 * @param detailSeed   seed for fine random detail (clutter shapes, noise)
 */
public record Nuisance(double yaw, double pitch, double roll, double scale, double shiftX, double shiftY,
                       double smile, double mouthOpen, double eyeOpen, double browRaise, boolean glassesOn,
                       int background, int background1, int background2, int clutter, int clothing,
                       double lightAngle, double lightStrength, double brightness, double contrast, double gamma,
                       double castR, double castG, double castB, double blurSigma, double noiseSigma,
                       int occlusion, int occluderColour, double occluderX, double occluderY, double occluderW,
                       double occluderH, double occluderAngle, int jpegQuality, long detailSeed) {

    /** Draws the nuisance of one photo at strength {@code n} in [0, 1]. */
    public static Nuisance random(RandomGenerator r, double n) {
        if (!(n >= 0 && n <= 1)) {
            throw new IllegalArgumentException("nuisance strength must be in [0, 1], got " + n);
        }
        double yaw = sym(r) * 0.9 * n;
        double pitch = sym(r) * 0.6 * n;
        double roll = Math.toRadians(sym(r) * 22 * n);
        double scale = Math.exp(sym(r) * 0.18 * n);
        double shiftX = sym(r) * 0.15 * n;
        double shiftY = sym(r) * 0.12 * n;
        double smile = sym(r) * 0.8 * n;
        double mouthOpen = r.nextDouble() < 0.3 * n ? r.nextDouble() : 0;
        double eyeOpen = r.nextDouble() < 0.15 * n ? IdentityParameters.u(r, 0.05, 0.4) : 1 - r.nextDouble() * 0.3 * n;
        double browRaise = sym(r) * 1.8 * n;
        boolean glassesOn = r.nextDouble() >= 0.2 * n;

        int neutral = Rgb.of(128, 128, 128);
        int background = n == 0 ? 0 : 1 + r.nextInt(2);
        int bg1 = Rgb.mix(neutral, Rgb.random(r), n);
        int bg2 = Rgb.mix(neutral, Rgb.random(r), n);
        int clutter = background == 2 ? r.nextInt(2, 10) : 0;
        int clothing = Rgb.mix(Rgb.of(90, 90, 110), Rgb.random(r), Math.min(1, 2 * n));

        double lightAngle = r.nextDouble() * 2 * Math.PI;
        double lightStrength = r.nextDouble() * 0.7 * n;
        double brightness = Math.exp(sym(r) * 0.3 * n);
        double contrast = Math.exp(sym(r) * 0.3 * n);
        double gamma = Math.exp(sym(r) * 0.25 * n);
        double castR = Math.exp(r.nextGaussian() * 0.04 * n);
        double castG = Math.exp(r.nextGaussian() * 0.04 * n);
        double castB = Math.exp(r.nextGaussian() * 0.04 * n);
        double blur = r.nextDouble() * 1.0 * n;
        double noise = r.nextDouble() * 10 * n;

        int occlusion = r.nextDouble() < 0.25 * n ? 1 + r.nextInt(2) : 0;
        int occluderColour = Rgb.random(r);
        double ox = 0.5 + sym(r) * 0.25;
        double oy = 0.5 + sym(r) * 0.3;
        double ow = occlusion == 1 ? IdentityParameters.u(r, 0.3, 0.7) : IdentityParameters.u(r, 0.15, 0.32);
        double oh = occlusion == 1 ? IdentityParameters.u(r, 0.07, 0.18) : IdentityParameters.u(r, 0.15, 0.32);
        double oa = occlusion == 1 ? sym(r) * 0.5 : r.nextDouble() * Math.PI;

        int jpeg = r.nextDouble() < 0.6 * n ? r.nextInt(30, 91) : 0;
        return new Nuisance(yaw, pitch, roll, scale, shiftX, shiftY, smile, mouthOpen, eyeOpen, browRaise, glassesOn,
                background, bg1, bg2, clutter, clothing, lightAngle, lightStrength, brightness, contrast, gamma,
                castR, castG, castB, blur, noise, occlusion, occluderColour, ox, oy, ow, oh, oa, jpeg, r.nextLong());
    }

    private static double sym(RandomGenerator r) {
        return 2 * r.nextDouble() - 1;
    }
}
