package io.facenetstreams.core.synth;

import io.facenetstreams.core.synth.IdentityParameters.FacialHairStyle;
import io.facenetstreams.core.synth.IdentityParameters.GlassesStyle;
import io.facenetstreams.core.synth.IdentityParameters.HairStyle;
import java.awt.BasicStroke;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Renders one photo of an identity under a nuisance with Java2D (antialiased, drawn at twice the
 * output size for small images and box-filtered down), then applies the photometric nuisance
 * (lighting gradient, gain, contrast, gamma, colour cast, blur, noise) and the JPEG round trip.
 * Deterministic: the same (identity, nuisance, size) always gives the same pixels. Thread-safe.
 *
 * <p>Geometry lives in a 100 x 100 design space with the face centred at (50, 50). Pose is
 * approximated in 2D: a yaw slides each feature sideways in proportion to its depth (nose tip more
 * than eyes, ears the other way) and narrows the far eye; a pitch slides features vertically.
 */
public final class FaceRenderer {

    private static final double CX = 50;
    private static final double CY = 50;
    private static final double KAPPA = 0.5523;
    /** The head fills the frame like an aligned face crop: design point (50, FRAME_CENTRE_Y) maps to the image centre. */
    private static final double ZOOM = 1.35;
    private static final double FRAME_CENTRE_Y = 47;

    private final int size;
    private final int supersample;

    public FaceRenderer(int size) {
        if (size < 16 || size > 1024) {
            throw new IllegalArgumentException("image size must be in 16..1024, got " + size);
        }
        this.size = size;
        this.supersample = size < 128 ? 2 : 1;
    }

    /** The finished photo (TYPE_INT_RGB, size x size). */
    public BufferedImage render(IdentityParameters id, Nuisance nz) {
        int canvas = size * supersample;
        BufferedImage big = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(canvas / 100.0, canvas / 100.0);
            SplittableRandom detail = new SplittableRandom(nz.detailSeed());
            drawBackground(g, nz, detail);
            AffineTransform photo = g.getTransform();
            g.translate(CX + nz.shiftX() * 100, CY + nz.shiftY() * 100);
            g.rotate(nz.roll());
            g.scale(nz.scale() * ZOOM, nz.scale() * ZOOM);
            g.translate(-CX, -FRAME_CENTRE_Y);
            new Head(g, id, nz).draw();
            g.setTransform(photo);
            drawOccluder(g, nz);
        } finally {
            g.dispose();
        }
        int[] rgb = downsample(pixels(big), canvas, supersample);
        Photometry.apply(rgb, size, nz, new SplittableRandom(nz.detailSeed() ^ 0x6A09E667F3BCC909L));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        System.arraycopy(rgb, 0, pixels(out), 0, rgb.length);
        return nz.jpegQuality() > 0 ? Photometry.jpegRoundTrip(out, nz.jpegQuality()) : out;
    }

    /** The backing pixels of a TYPE_INT_RGB image (getRGB/setRGB convert colour models pixel by pixel). */
    static int[] pixels(BufferedImage img) {
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    }

    private static void drawBackground(Graphics2D g, Nuisance nz, SplittableRandom r) {
        if (nz.background() == 0) {
            g.setColor(Rgb.color(nz.background1()));
        } else {
            double a = r.nextDouble() * 2 * Math.PI;
            g.setPaint(new GradientPaint((float) (50 - 50 * Math.cos(a)), (float) (50 - 50 * Math.sin(a)),
                    Rgb.color(nz.background1()), (float) (50 + 50 * Math.cos(a)), (float) (50 + 50 * Math.sin(a)),
                    Rgb.color(nz.background2())));
        }
        g.fill(new Rectangle2D.Double(0, 0, 100, 100));
        for (int i = 0; i < nz.clutter(); i++) {
            g.setColor(Rgb.color(Rgb.random(r)));
            double x = r.nextDouble() * 100;
            double y = r.nextDouble() * 100;
            double w = 8 + r.nextDouble() * 35;
            double h = 8 + r.nextDouble() * 35;
            switch (r.nextInt(3)) {
                case 0 -> g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
                case 1 -> g.fill(new Ellipse2D.Double(x - w / 2, y - h / 2, w, h));
                default -> {
                    g.setStroke(new BasicStroke((float) (1.5 + r.nextDouble() * 4)));
                    g.draw(new Line2D.Double(x, y, x + (r.nextDouble() - 0.5) * 80, y + (r.nextDouble() - 0.5) * 80));
                }
            }
        }
    }

    private static void drawOccluder(Graphics2D g, Nuisance nz) {
        if (nz.occlusion() == 0) {
            return;
        }
        AffineTransform before = g.getTransform();
        g.translate(nz.occluderX() * 100, nz.occluderY() * 100);
        g.rotate(nz.occluderAngle());
        double w = nz.occluderW() * 100;
        double h = nz.occluderH() * 100;
        g.setColor(Rgb.color(nz.occluderColour()));
        g.fill(nz.occlusion() == 1 ? new RoundRectangle2D.Double(-w / 2, -h / 2, w, h, 3, 3)
                : new Ellipse2D.Double(-w / 2, -h / 2, w, h));
        g.setTransform(before);
    }

    private static int[] downsample(int[] src, int width, int f) {
        if (f == 1) {
            return src.clone();
        }
        int n = width / f;
        int[] out = new int[n * n];
        int area = f * f;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int r = 0;
                int gr = 0;
                int b = 0;
                for (int dy = 0; dy < f; dy++) {
                    int row = (y * f + dy) * width + x * f;
                    for (int dx = 0; dx < f; dx++) {
                        int c = src[row + dx];
                        r += c >> 16 & 0xFF;
                        gr += c >> 8 & 0xFF;
                        b += c & 0xFF;
                    }
                }
                out[y * n + x] = (r + area / 2) / area << 16 | (gr + area / 2) / area << 8 | (b + area / 2) / area;
            }
        }
        return out;
    }

    /** The head of one photo: every feature placed with the identity's geometry and the pose. */
    private static final class Head {
        private final Graphics2D g;
        private final IdentityParameters id;
        private final Nuisance nz;
        private final double fw;
        private final double fh;
        private final double faceX;
        private final int skin;
        private final int shade;

        Head(Graphics2D g, IdentityParameters id, Nuisance nz) {
            this.g = g;
            this.id = id;
            this.nz = nz;
            this.fw = id.face().halfWidth() * (1 - 0.08 * Math.abs(nz.yaw()));
            this.fh = id.face().halfHeight();
            this.faceX = CX + dx(0.05);
            this.skin = id.skin().tone();
            this.shade = Rgb.scale(skin, 0.72);
        }

        /** Sideways slide of a feature at this depth (nose tip ~0.45, ears negative). */
        private double dx(double depth) {
            return nz.yaw() * id.face().halfWidth() * depth;
        }

        private double dy(double depth) {
            return nz.pitch() * fh * depth * 0.5;
        }

        void draw() {
            drawBody();
            drawHairBack();
            drawEars();
            Shape face = faceShape();
            g.setColor(Rgb.color(skin));
            g.fill(face);
            // Soft shading: the lower face a little darker, like a chin shadow.
            g.setPaint(new GradientPaint((float) CX, (float) CY, Rgb.color(shade, 0),
                    (float) CX, (float) (CY + fh), Rgb.color(shade, 0.35)));
            g.fill(face);
            drawCheeksAndMarks();
            double eyeY = CY + id.eyes().y() + dy(0.25);
            for (int side = -1; side <= 1; side += 2) {
                drawEye(side, eyeY);
            }
            drawNose(eyeY);
            drawMouth();
            drawFacialHair(face, eyeY);
            drawHairFront(face, eyeY);
            drawGlasses(eyeY);
            drawEarrings();
        }

        private Shape faceShape() {
            double jaw = 0.35 + 0.45 * id.face().jawRoundness();
            double chin = id.face().chinWidth();
            Path2D p = new Path2D.Double();
            p.moveTo(faceX - fw, CY);
            p.curveTo(faceX - fw, CY - fh * KAPPA, faceX - fw * KAPPA, CY - fh, faceX, CY - fh);
            p.curveTo(faceX + fw * KAPPA, CY - fh, faceX + fw, CY - fh * KAPPA, faceX + fw, CY);
            p.curveTo(faceX + fw, CY + fh * jaw, faceX + fw * chin, CY + fh, faceX, CY + fh);
            p.curveTo(faceX - fw * chin, CY + fh, faceX - fw, CY + fh * jaw, faceX - fw, CY);
            p.closePath();
            return p;
        }

        private void drawBody() {
            g.setColor(Rgb.color(nz.clothing()));
            g.fill(new Ellipse2D.Double(CX - fw * 2.3, CY + fh + 12, fw * 4.6, 70));
            g.setColor(Rgb.color(Rgb.scale(skin, 0.85)));
            g.fill(new Rectangle2D.Double(faceX - fw * 0.42, CY + fh * 0.5, fw * 0.84, fh * 0.5 + 16));
            g.setColor(Rgb.color(Rgb.scale(nz.clothing(), 0.7)));
            g.setStroke(new BasicStroke(1.2f));
            g.draw(new Line2D.Double(faceX - fw * 0.42, CY + fh + 15, faceX, CY + fh + 22));
            g.draw(new Line2D.Double(faceX + fw * 0.42, CY + fh + 15, faceX, CY + fh + 22));
        }

        private void drawEars() {
            double s = id.face().earSize();
            for (int side = -1; side <= 1; side += 2) {
                double hidden = Math.max(0, side * nz.yaw());
                double w = 3.6 * s * (1 - 0.7 * hidden);
                double x = faceX + side * (fw - 1.2) + dx(-0.15);
                g.setColor(Rgb.color(Rgb.scale(skin, 0.92)));
                g.fill(new Ellipse2D.Double(x - w / 2 + side * w * 0.35, CY - 4 * s + dy(-0.1), w, 11 * s));
                g.setColor(Rgb.color(shade, 0.7));
                g.setStroke(new BasicStroke(0.6f));
                g.draw(new Ellipse2D.Double(x - w / 4 + side * w * 0.4, CY - 2.5 * s + dy(-0.1), w / 2, 7 * s));
            }
        }

        private void drawEarrings() {
            if (id.earringColour() == IdentityParameters.NO_EARRINGS) {
                return;
            }
            double s = id.face().earSize();
            g.setColor(Rgb.color(id.earringColour()));
            for (int side = -1; side <= 1; side += 2) {
                if (side * nz.yaw() > 0.5) {
                    continue;
                }
                double x = faceX + side * (fw + 0.5) + dx(-0.15);
                g.fill(new Ellipse2D.Double(x - 1.4, CY + 7 * s + dy(-0.1), 2.8, 2.8));
            }
        }

        private void drawCheeksAndMarks() {
            IdentityParameters.Marks m = id.marks();
            double cheekY = CY + id.eyes().y() + 8 + dy(0.2);
            if (id.skin().blush() > 0.02) {
                g.setColor(Rgb.color(Rgb.of(220, 90, 100), id.skin().blush()));
                for (int side = -1; side <= 1; side += 2) {
                    g.fill(new Ellipse2D.Double(faceX + side * fw * 0.55 + dx(0.2) - 4.5, cheekY - 3, 9, 6));
                }
            }
            for (IdentityParameters.Spot b : m.birthmarks()) {
                g.setColor(Rgb.color(m.birthmarkColour(), 0.6));
                double x = faceX + dx(0.2) + b.x() * fw;
                double y = CY + b.y() * fh + dy(0.2);
                g.fill(new Ellipse2D.Double(x - b.radius(), y - b.radius() * 0.7, 2 * b.radius(), 1.4 * b.radius()));
            }
            if (m.freckleCount() > 0) {
                SplittableRandom r = new SplittableRandom(m.freckleSeed());
                g.setColor(Rgb.color(Rgb.scale(skin, 0.7), 0.85));
                for (int i = 0; i < m.freckleCount(); i++) {
                    double x = faceX + dx(0.3) + (r.nextDouble() * 2 - 1) * fw * 0.65;
                    double y = cheekY + (r.nextDouble() * 2 - 1) * 5;
                    double rad = 0.45 + r.nextDouble() * 0.4;
                    g.fill(new Ellipse2D.Double(x - rad, y - rad, 2 * rad, 2 * rad));
                }
            }
            for (IdentityParameters.Spot mole : m.moles()) {
                double x = faceX + dx(0.2) + mole.x() * fw;
                double y = CY + mole.y() * fh + dy(0.2);
                g.setColor(Rgb.color(Rgb.of(55, 32, 24)));
                g.fill(new Ellipse2D.Double(x - mole.radius() / 2, y - mole.radius() / 2, mole.radius(), mole.radius()));
            }
            for (IdentityParameters.Scar s : m.scars()) {
                double x = faceX + dx(0.2) + s.x() * fw;
                double y = CY + s.y() * fh + dy(0.2);
                double ux = Math.cos(s.angle()) * s.length() / 2;
                double uy = Math.sin(s.angle()) * s.length() / 2;
                g.setColor(Rgb.color(Rgb.mix(skin, Rgb.of(120, 40, 50), 0.55)));
                g.setStroke(new BasicStroke(1.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x - ux, y - uy, x + ux, y + uy));
                for (int k = -1; k <= 1; k++) {
                    double px = x + ux * k * 0.6;
                    double py = y + uy * k * 0.6;
                    g.draw(new Line2D.Double(px - uy * 0.25, py + ux * 0.25, px + uy * 0.25, py - ux * 0.25));
                }
            }
        }

        private double eyeX(int side) {
            return faceX + side * id.eyes().spacing() + dx(0.25);
        }

        private double eyeWidth(int side) {
            return id.eyes().width() * (1 - 0.4 * Math.max(0, side * nz.yaw()));
        }

        private void drawEye(int side, double eyeY) {
            IdentityParameters.Eyes e = id.eyes();
            double x = eyeX(side);
            double w = eyeWidth(side);
            double h = e.width() * e.heightRatio() * nz.eyeOpen();
            AffineTransform before = g.getTransform();
            g.rotate(-side * e.tilt(), x, eyeY);
            int lid = Rgb.of(40, 25, 20);
            if (nz.eyeOpen() < 0.3) {
                g.setColor(Rgb.color(lid));
                g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x - w / 2, eyeY, x + w / 2, eyeY));
            } else {
                Shape white = new Ellipse2D.Double(x - w / 2, eyeY - h / 2, w, h);
                g.setColor(Rgb.color(Rgb.of(242, 238, 232)));
                g.fill(white);
                Shape oldClip = g.getClip();
                g.clip(white);
                double ir = Math.min(e.width() * 0.3, h * 0.62);
                double ix = x + nz.yaw() * w * 0.2;
                g.setColor(Rgb.color(e.irisColour()));
                g.fill(new Ellipse2D.Double(ix - ir, eyeY - ir, 2 * ir, 2 * ir));
                g.setColor(Rgb.color(0x0A0A0A));
                g.fill(new Ellipse2D.Double(ix - ir * 0.45, eyeY - ir * 0.45, ir * 0.9, ir * 0.9));
                g.setClip(oldClip);
                g.setColor(Rgb.color(lid));
                g.setStroke(new BasicStroke(0.7f));
                g.draw(new java.awt.geom.Arc2D.Double(x - w / 2, eyeY - h / 2, w, h, 0, 180, java.awt.geom.Arc2D.OPEN));
            }
            g.setTransform(before);
            drawBrow(side, x, eyeY - h / 2);
        }

        private void drawBrow(int side, double eyeX, double eyeTop) {
            IdentityParameters.Brows b = id.brows();
            double len = eyeWidth(side) * 1.1 * b.length();
            double y = eyeTop - b.gap() - nz.browRaise() + 1.5;
            double inner = eyeX - side * len / 2;
            double outer = eyeX + side * len / 2;
            double tilt = b.tilt() * len;
            Path2D p = new Path2D.Double();
            p.moveTo(inner, y + tilt / 2);
            p.quadTo(eyeX, y - b.arch() * 1.5, outer, y - tilt / 2 + 0.5);
            g.setColor(Rgb.color(b.colour()));
            g.setStroke(new BasicStroke((float) b.thickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(p);
        }

        private void drawNose(double eyeY) {
            IdentityParameters.Nose n = id.nose();
            double len = n.length() * (1 + 0.2 * nz.pitch());
            double tipX = faceX + dx(0.45);
            double tipY = eyeY + len;
            double topX = faceX + dx(0.3);
            double w = n.width() * (1 - 0.2 * Math.abs(nz.yaw()));
            g.setColor(Rgb.color(shade));
            g.setStroke(new BasicStroke(0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            int away = nz.yaw() >= 0 ? -1 : 1;
            switch (n.style()) {
                case LINE -> {
                    Path2D p = new Path2D.Double();
                    p.moveTo(topX + away * 1.5, eyeY + 1);
                    p.quadTo(tipX + away * w * 0.55, tipY - len * 0.3, tipX + away * w * 0.35, tipY);
                    g.draw(p);
                }
                case TRIANGLE -> {
                    Path2D p = new Path2D.Double();
                    p.moveTo(topX, eyeY + 1);
                    p.lineTo(tipX - w / 2, tipY);
                    p.lineTo(tipX + w / 2, tipY);
                    p.closePath();
                    g.setColor(Rgb.color(shade, 0.45));
                    g.fill(p);
                    g.setColor(Rgb.color(shade));
                }
                case ROUND -> {
                    g.draw(new Line2D.Double(topX + away * 1.2, eyeY + 1, tipX + away * w * 0.3, tipY - w * 0.4));
                    g.draw(new Ellipse2D.Double(tipX - w * 0.35, tipY - w * 0.55, w * 0.7, w * 0.6));
                }
                case WIDE -> {
                    Path2D p = new Path2D.Double();
                    p.moveTo(tipX - w * 0.75, tipY - 1.5);
                    p.quadTo(tipX, tipY + 2.2, tipX + w * 0.75, tipY - 1.5);
                    g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(p);
                }
            }
            g.setColor(Rgb.color(Rgb.scale(skin, 0.45)));
            double nostril = n.style() == IdentityParameters.NoseStyle.WIDE ? 0.45 : 0.3;
            for (int side = -1; side <= 1; side += 2) {
                g.fill(new Ellipse2D.Double(tipX + side * w * nostril - 0.8, tipY - 0.5, 1.6, 1.0));
            }
        }

        private double mouthX() {
            return faceX + dx(0.3);
        }

        private double mouthY() {
            return CY + id.mouth().y() + dy(0.3);
        }

        private void drawMouth() {
            IdentityParameters.Mouth m = id.mouth();
            double mx = mouthX();
            double my = mouthY();
            double w = m.width() * (1 - 0.2 * Math.abs(nz.yaw()));
            double c = (m.restingSmile() + nz.smile()) * 2.2;
            double lip = m.lipThickness();
            double open = nz.mouthOpen() * 3.5;
            double lx = mx - w / 2;
            double rx = mx + w / 2;
            Path2D lips = new Path2D.Double();
            lips.moveTo(lx, my - c);
            lips.quadTo(mx, my - c * 0.3 - lip * 1.6 - open * 0.2, rx, my - c);
            lips.quadTo(mx, my + c + lip * 2.2 + open * 1.6, lx, my - c);
            lips.closePath();
            g.setColor(Rgb.color(m.lipColour()));
            g.fill(lips);
            Path2D middle = new Path2D.Double();
            middle.moveTo(lx, my - c);
            middle.quadTo(mx, my + c, rx, my - c);
            if (open > 0.6) {
                Path2D inside = new Path2D.Double();
                inside.moveTo(lx + 0.8, my - c);
                inside.quadTo(mx, my + c - open * 0.6, rx - 0.8, my - c);
                inside.quadTo(mx, my + c + open * 1.3, lx + 0.8, my - c);
                g.setColor(Rgb.color(Rgb.of(60, 15, 20)));
                g.fill(inside);
                g.setColor(Rgb.color(Rgb.of(235, 232, 220)));
                g.fill(new Rectangle2D.Double(mx - w * 0.25, my + c * 0.2 - open * 0.3, w * 0.5, open * 0.45));
            } else {
                g.setColor(Rgb.color(Rgb.scale(m.lipColour(), 0.5)));
                g.setStroke(new BasicStroke(0.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(middle);
            }
        }

        private void drawFacialHair(Shape face, double eyeY) {
            IdentityParameters.FacialHair f = id.facialHair();
            if (f.style() == FacialHairStyle.NONE) {
                return;
            }
            double mx = mouthX();
            double my = mouthY();
            double w = id.mouth().width();
            double noseBottom = eyeY + id.nose().length() + 1.5;
            Area lower = new Area(face);
            lower.intersect(new Area(new Rectangle2D.Double(0, noseBottom, 100, 100)));
            Area mouthHole = new Area(new Ellipse2D.Double(mx - w / 2 - 0.5, my - 2.5, w + 1, 5 + nz.mouthOpen() * 4));
            g.setColor(Rgb.color(f.colour()));
            switch (f.style()) {
                case STUBBLE -> {
                    lower.subtract(mouthHole);
                    g.setColor(Rgb.color(f.colour(), 0.4));
                    g.fill(lower);
                }
                case MOUSTACHE -> g.fill(moustache(mx, my, w));
                case GOATEE -> {
                    Area goatee = new Area(new Ellipse2D.Double(mx - w * 0.38, my + 1.5, w * 0.76, (CY + fh - my) + 1));
                    goatee.intersect(new Area(face));
                    goatee.add(new Area(moustache(mx, my, w * 0.9)));
                    goatee.subtract(mouthHole);
                    g.fill(goatee);
                }
                case FULL_BEARD -> {
                    lower.add(new Area(moustache(mx, my, w)));
                    lower.subtract(mouthHole);
                    g.fill(lower);
                }
                case CHIN_STRAP -> {
                    Area inner = new Area(face);
                    inner.transform(AffineTransform.getTranslateInstance(0, -4));
                    Area band = new Area(face);
                    band.subtract(inner);
                    band.intersect(new Area(new Rectangle2D.Double(0, CY + 2, 100, 100)));
                    g.fill(band);
                }
                default -> {
                }
            }
        }

        private Shape moustache(double mx, double my, double w) {
            Path2D p = new Path2D.Double();
            p.moveTo(mx - w * 0.62, my);
            p.quadTo(mx - w * 0.3, my - 4.2, mx, my - 3.6);
            p.quadTo(mx + w * 0.3, my - 4.2, mx + w * 0.62, my);
            p.quadTo(mx, my - 1.6, mx - w * 0.62, my);
            p.closePath();
            return p;
        }

        private Shape cap(double extraTop, double sideBottom) {
            IdentityParameters.Hair h = id.hair();
            double capW = fw * 1.07;
            double capTop = CY - fh * 1.05 - extraTop * h.volume();
            Area cap = new Area(new Ellipse2D.Double(faceX - capW, capTop, 2 * capW, 2 * (CY - capTop) + 6));
            double hairlineY = CY - fh * h.hairline() + dy(-0.1);
            double foreheadW = fw * 0.78;
            cap.subtract(new Area(new Ellipse2D.Double(faceX - foreheadW, hairlineY, 2 * foreheadW, fh * 2.2)));
            cap.intersect(new Area(new Rectangle2D.Double(0, 0, 100, sideBottom)));
            return cap;
        }

        private void drawHairBack() {
            IdentityParameters.Hair h = id.hair();
            g.setColor(Rgb.color(h.colour()));
            double v = h.volume();
            switch (h.style()) {
                case LONG -> {
                    double w = fw * 1.22 * v;
                    Path2D p = new Path2D.Double();
                    p.moveTo(faceX - w, CY + fh * 1.45);
                    p.lineTo(faceX - w, CY - fh * 0.3);
                    p.curveTo(faceX - w, CY - fh * 1.3, faceX + w, CY - fh * 1.3, faceX + w, CY - fh * 0.3);
                    p.lineTo(faceX + w, CY + fh * 1.45);
                    p.closePath();
                    g.fill(p);
                }
                case BOB -> {
                    double w = fw * 1.18 * v;
                    Path2D p = new Path2D.Double();
                    p.moveTo(faceX - w, CY + fh * 0.75);
                    p.lineTo(faceX - w, CY - fh * 0.2);
                    p.curveTo(faceX - w, CY - fh * 1.4, faceX + w, CY - fh * 1.4, faceX + w, CY - fh * 0.2);
                    p.lineTo(faceX + w, CY + fh * 0.75);
                    p.quadTo(faceX + w * 0.8, CY + fh * 0.9, faceX + w * 0.6, CY + fh * 0.7);
                    p.lineTo(faceX - w * 0.6, CY + fh * 0.7);
                    p.quadTo(faceX - w * 0.8, CY + fh * 0.9, faceX - w, CY + fh * 0.75);
                    p.closePath();
                    g.fill(p);
                }
                case CURLY -> {
                    double r = fw * 1.3 * v;
                    double ccy = CY - fh * 0.35;
                    g.fill(new Ellipse2D.Double(faceX - r, ccy - r, 2 * r, 2 * r));
                    for (int k = 0; k < 12; k++) {
                        double a = Math.PI * 2 * k / 12;
                        double br = r * 0.3;
                        g.fill(new Ellipse2D.Double(faceX + Math.cos(a) * r * 0.95 - br, ccy + Math.sin(a) * r * 0.95 - br,
                                2 * br, 2 * br));
                    }
                }
                case BUN -> {
                    double r = 6.5 * v;
                    g.fill(new Ellipse2D.Double(faceX - r, CY - fh - 2 * r + 2, 2 * r, 2 * r));
                }
                default -> {
                }
            }
        }

        private void drawHairFront(Shape face, double eyeY) {
            IdentityParameters.Hair h = id.hair();
            int colour = h.colour();
            int side = h.partLeft() ? -1 : 1;
            switch (h.style()) {
                case BALD -> {
                    g.setColor(Rgb.color(0xFFFFFF, 0.25));
                    g.fill(new Ellipse2D.Double(faceX - fw * 0.35 + side * 3, CY - fh * 0.95, fw * 0.5, fh * 0.25));
                }
                case BUZZ -> {
                    g.setColor(Rgb.color(colour, 0.55));
                    g.fill(cap(0.5, CY - fh * 0.25));
                }
                case SHORT, SPIKY, CURLY, BUN -> {
                    g.setColor(Rgb.color(colour));
                    g.fill(cap(h.style() == HairStyle.SHORT ? 2.5 : 1.5, CY - fh * 0.15));
                    if (h.style() == HairStyle.SPIKY) {
                        Path2D spikes = new Path2D.Double();
                        double top = CY - fh * 1.02;
                        for (int k = -3; k <= 3; k++) {
                            double x = faceX + k * fw * 0.28;
                            double base = top + Math.abs(k) * Math.abs(k) * 0.9;
                            spikes.moveTo(x - fw * 0.16, base + 3);
                            spikes.lineTo(x + side * 1.5, base - 6 * h.volume());
                            spikes.lineTo(x + fw * 0.16, base + 3);
                            spikes.closePath();
                        }
                        g.fill(spikes);
                    }
                }
                case SIDE_PART -> {
                    g.setColor(Rgb.color(colour));
                    Area a = new Area(cap(3, CY - fh * 0.15));
                    double hairlineY = CY - fh * h.hairline();
                    Area swoop = new Area(new Ellipse2D.Double(faceX - side * fw * 0.1 - fw * 0.75,
                            hairlineY - 6, fw * 1.5, 12 + fh * 0.15));
                    swoop.intersect(new Area(new Ellipse2D.Double(faceX - fw * 1.07, CY - fh * 1.2, fw * 2.14, fh * 2.4)));
                    a.add(swoop);
                    g.fill(a);
                    g.setColor(Rgb.color(Rgb.scale(colour, 0.6)));
                    g.setStroke(new BasicStroke(0.8f));
                    g.draw(new Line2D.Double(faceX + side * fw * 0.45, CY - fh * 1.1, faceX + side * fw * 0.5, hairlineY));
                }
                case FRINGE -> {
                    g.setColor(Rgb.color(colour));
                    Area a = new Area(cap(2.5, CY - fh * 0.05));
                    double bottom = eyeY - id.eyes().width() * 0.5 - id.brows().gap() + 0.5;
                    Path2D bangs = new Path2D.Double();
                    bangs.moveTo(faceX - fw * 0.95, CY - fh * 0.7);
                    for (int k = 0; k <= 8; k++) {
                        double x = faceX - fw * 0.85 + k * fw * 1.7 / 8;
                        bangs.lineTo(x, bottom + (k % 2 == 0 ? 0 : -2.2));
                    }
                    bangs.lineTo(faceX + fw * 0.95, CY - fh * 0.7);
                    bangs.lineTo(faceX, CY - fh * 1.1);
                    bangs.closePath();
                    Area b = new Area(bangs);
                    b.intersect(new Area(face));
                    a.add(b);
                    g.fill(a);
                }
                case LONG, BOB -> {
                    g.setColor(Rgb.color(colour));
                    g.fill(cap(2, CY + fh * 0.2));
                    g.setColor(Rgb.color(Rgb.scale(colour, 0.6)));
                    g.setStroke(new BasicStroke(0.8f));
                    g.draw(new Line2D.Double(faceX + side * fw * 0.25, CY - fh * 1.08, faceX + side * fw * 0.2,
                            CY - fh * h.hairline()));
                }
                case MOHAWK -> {
                    g.setColor(Rgb.color(colour));
                    double w = 4.5 * h.volume();
                    g.fill(new RoundRectangle2D.Double(faceX - w, CY - fh - 9 * h.volume(), 2 * w,
                            fh * (1 - h.hairline()) + 9 * h.volume(), w, w));
                }
                default -> {
                }
            }
        }

        private void drawGlasses(double eyeY) {
            IdentityParameters.Glasses gl = id.glasses();
            if (gl.style() == GlassesStyle.NONE || !nz.glassesOn()) {
                return;
            }
            double[] inner = new double[2];
            double[] outer = new double[2];
            double ry = 0;
            for (int k = 0; k < 2; k++) {
                int side = k == 0 ? -1 : 1;
                double x = eyeX(side);
                double rx = eyeWidth(side) * 0.95 * gl.size();
                ry = id.eyes().width() * 0.72 * gl.size();
                Shape lens = switch (gl.style()) {
                    case ROUND -> new Ellipse2D.Double(x - rx, eyeY - ry, 2 * rx, 2 * ry);
                    case RECTANGULAR -> new RoundRectangle2D.Double(x - rx, eyeY - ry * 0.8, 2 * rx, 1.6 * ry, 2, 2);
                    default -> catEye(x, eyeY, rx, ry, side);
                };
                if (gl.tinted()) {
                    g.setColor(Rgb.color(Rgb.of(20, 20, 30), 0.7));
                    g.fill(lens);
                }
                g.setColor(Rgb.color(gl.colour()));
                g.setStroke(new BasicStroke((float) gl.thickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(lens);
                inner[k] = x - side * rx;
                outer[k] = x + side * rx;
            }
            g.draw(new Line2D.Double(inner[0], eyeY - ry * 0.3, inner[1], eyeY - ry * 0.3));
            for (int k = 0; k < 2; k++) {
                int side = k == 0 ? -1 : 1;
                if (side * nz.yaw() > 0.4) {
                    continue;
                }
                g.draw(new Line2D.Double(outer[k], eyeY - ry * 0.4, faceX + side * fw + dx(-0.15), eyeY - ry * 0.2));
            }
        }

        private Shape catEye(double x, double y, double rx, double ry, int side) {
            Path2D p = new Path2D.Double();
            p.moveTo(x - side * rx, y - ry * 0.5);
            p.lineTo(x + side * rx * 1.15, y - ry * 1.05);
            p.quadTo(x + side * rx, y + ry * 0.9, x, y + ry * 0.8);
            p.quadTo(x - side * rx, y + ry * 0.7, x - side * rx, y - ry * 0.5);
            p.closePath();
            return p;
        }
    }
}
