package io.facenetstreams.core.eval;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's root finding as {@code scipy.optimize.brentq} performs it with its defaults ({@code xtol = 2e-12},
 * {@code rtol = 4 * machine epsilon}, at most 100 iterations): the same sequence of bisection, secant and
 * inverse quadratic steps, so that it returns the same root. Where scipy raises (no sign change over the
 * bracket, a NaN function value, no convergence) this returns NaN.
 */
final class Brentq {

    static final double XTOL = 2e-12;
    static final double RTOL = 4 * Math.ulp(1.0);
    static final int MAX_ITERATIONS = 100;

    private Brentq() {}

    static double root(DoubleUnaryOperator f, double xa, double xb) {
        double xpre = xa;
        double xcur = xb;
        double xblk = 0.0;
        double fblk = 0.0;
        double spre = 0.0;
        double scur = 0.0;
        double fpre = f.applyAsDouble(xpre);
        double fcur = f.applyAsDouble(xcur);
        if (Double.isNaN(fpre) || Double.isNaN(fcur)) {
            return Double.NaN;
        }
        if (fpre == 0) {
            return xpre;
        }
        if (fcur == 0) {
            return xcur;
        }
        if (signBit(fpre) == signBit(fcur)) {
            return Double.NaN;
        }
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (fpre != 0 && fcur != 0 && signBit(fpre) != signBit(fcur)) {
                xblk = xpre;
                fblk = fpre;
                spre = scur = xcur - xpre;
            }
            if (Math.abs(fblk) < Math.abs(fcur)) {
                // make xcur the best estimate so far
                xpre = xcur;
                xcur = xblk;
                xblk = xpre;
                fpre = fcur;
                fcur = fblk;
                fblk = fpre;
            }
            double delta = (XTOL + RTOL * Math.abs(xcur)) / 2;
            double sbis = (xblk - xcur) / 2;
            if (fcur == 0 || Math.abs(sbis) < delta) {
                return xcur;
            }
            if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
                double stry;
                if (xpre == xblk) {
                    // secant
                    stry = -fcur * (xcur - xpre) / (fcur - fpre);
                } else {
                    // inverse quadratic extrapolation
                    double dpre = (fpre - fcur) / (xpre - xcur);
                    double dblk = (fblk - fcur) / (xblk - xcur);
                    stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre));
                }
                if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
                    spre = scur;
                    scur = stry;
                } else {
                    spre = sbis;
                    scur = sbis;
                }
            } else {
                spre = sbis;
                scur = sbis;
            }
            xpre = xcur;
            fpre = fcur;
            if (Math.abs(scur) > delta) {
                xcur += scur;
            } else {
                xcur += sbis > 0 ? delta : -delta;
            }
            fcur = f.applyAsDouble(xcur);
            if (Double.isNaN(fcur)) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static boolean signBit(double value) {
        return Double.doubleToRawLongBits(value) < 0;
    }
}
