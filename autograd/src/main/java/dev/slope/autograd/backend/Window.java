package dev.slope.autograd.backend;

/**
 * Geometry of a 2-d sliding window over an NCHW image (convolution and pooling): kernel size,
 * stride, zero padding and dilation per axis, and the output size they give.
 */
public record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    public Window {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0 || dh < 1 || dw < 1) {
            throw new IllegalArgumentException("window: kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw
                    + ", padding " + ph + "x" + pw + ", dilation " + dh + "x" + dw
                    + ": kernel, stride and dilation must be >= 1, padding >= 0");
        }
    }

    public int outH(int h) { return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1; }

    public int outW(int w) { return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1; }
}
