package dev.slope.optim.secondorder;

import dev.slope.optim.linesearch.Armijo;
import dev.slope.optim.linesearch.LineSearch;
import dev.slope.optim.linesearch.MoreThuente;
import dev.slope.optim.linesearch.StrongWolfe;
import java.util.Map;

/**
 * PyTorch's {@code line_search_fn} as a number, so that it fits a param group: 0 for none (a fixed
 * step of length lr), 1 for "strong_wolfe" (PyTorch's search, {@link StrongWolfe}), 2 for
 * "backtracking" ({@link Armijo}, Newton-CG only), 3 for "more_thuente" (MINPACK's dcsrch, scipy's
 * search, {@link MoreThuente}).
 */
final class LineSearchFn {
    private LineSearchFn() {}

    static final double NONE = 0, STRONG_WOLFE = 1, BACKTRACKING = 2, MORE_THUENTE = 3;

    /** The code of a name; null means none. */
    static double code(String method, String name, boolean backtrackingAllowed) {
        if (name == null || name.equals("none")) return NONE;
        if (name.equals("strong_wolfe")) return STRONG_WOLFE;
        if (name.equals("more_thuente")) return MORE_THUENTE;
        if (name.equals("backtracking") && backtrackingAllowed) return BACKTRACKING;
        throw new IllegalArgumentException(method + ": line_search_fn must be null, \"strong_wolfe\""
                + (backtrackingAllowed ? ", \"backtracking\"" : "") + " or \"more_thuente\", got \"" + name + "\"");
    }

    static void check(String method, Map<String, Double> o, boolean backtrackingAllowed) {
        double v = Checks.get(method, o, "line_search_fn");
        if (v != NONE && v != STRONG_WOLFE && v != MORE_THUENTE && !(backtrackingAllowed && v == BACKTRACKING)) {
            throw new IllegalArgumentException(method + ": line_search_fn must be 0 (none), 1 (strong_wolfe)"
                    + (backtrackingAllowed ? ", 2 (backtracking)" : "") + " or 3 (more_thuente), got " + v);
        }
    }

    /** The search for a code (null for none), with the interval tolerance of strong Wolfe; More-Thuente with scipy's constants. */
    static LineSearch of(double code, double tolerance) {
        if (code == STRONG_WOLFE) return new StrongWolfe().withTolerance(tolerance);
        if (code == BACKTRACKING) return new Armijo();
        if (code == MORE_THUENTE) return new MoreThuente();
        return null;
    }
}
