package dev.slope.autograd.ops;

import dev.slope.autograd.Shapes;
import dev.slope.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * torch.einsum over differentiable ops only (a diagonal mask, sum, permute, reshape, expand and
 * the batched matmul), so gradients and second derivatives come from theirs. Supports explicit
 * ({@code "ij,jk->ik"}) and implicit ({@code "ij,jk"}: the letters used once, in alphabetical
 * order) outputs, batch letters, summed-out letters, repeated letters in one operand (traces and
 * diagonals, {@code "ii->"}, {@code "ii->i"}) and {@code "..."} for broadcast leading dims.
 * Operands are contracted left to right, each pair by one batched matmul.
 */
public final class Einsum {
    private Einsum() {}

    /** Internal letters for the dims an ellipsis stands for (outside what an equation may use). */
    private static final char ELLIPSIS_BASE = '\u0100';

    /** One operand: its tensor and one letter per dim. */
    private record Term(Tensor t, String letters) {}

    /** The einsum of {@code operands} by {@code equation}, as torch.einsum. */
    public static Tensor einsum(String equation, List<Tensor> operands) {
        if (operands.isEmpty()) throw new IllegalArgumentException("einsum: \"" + equation + "\" needs at least one operand");
        String eq = equation.replace(" ", "");
        String[] sides = eq.split("->", -1);
        if (sides.length > 2) throw new IllegalArgumentException("einsum: more than one '->' in \"" + equation + "\"");
        String[] inputs = sides[0].split(",", -1);
        if (inputs.length != operands.size()) {
            throw new IllegalArgumentException("einsum: \"" + equation + "\" has " + inputs.length + " operands, got "
                    + operands.size() + " tensors");
        }
        for (Tensor t : operands) Kernels.requireSame("einsum", operands.getFirst(), t);
        int ellipsisDims = 0;
        for (int k = 0; k < inputs.length; k++) {
            int named = inputs[k].replace("...", "").length();
            if (inputs[k].contains("...")) ellipsisDims = Math.max(ellipsisDims, operands.get(k).rank() - named);
        }
        List<Term> terms = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) terms.add(term(equation, inputs[k], operands.get(k), k, ellipsisDims));
        String ellipsis = ellipsisLetters(ellipsisDims, ellipsisDims);
        String output = sides.length == 2 ? expand(sides[1], ellipsis) : implicitOutput(terms, ellipsis);
        Map<Character, Integer> sizes = sizes(equation, terms, output);
        for (int k = 0; k < terms.size(); k++) terms.set(k, broadcast(diagonals(terms.get(k)), sizes));
        Term acc = sumUnused(terms.getFirst(), needed(output, terms, 1));
        for (int k = 1; k < terms.size(); k++) {
            String keep = needed(output, terms, k + 1);
            acc = contract(acc, sumUnused(terms.get(k), keep + acc.letters), keep);
        }
        return permuteTo(acc, output).t;
    }

    private static Term term(String equation, String subscripts, Tensor t, int k, int ellipsisDims) {
        int named = subscripts.replace("...", "").length();
        for (char c : subscripts.replace("...", "").toCharArray()) {
            if (!Character.isLetter(c)) {
                throw new IllegalArgumentException("einsum: '" + c + "' in \"" + equation + "\" is not a letter");
            }
        }
        int extra = t.rank() - named;
        if (extra < 0 || (extra > 0 && !subscripts.contains("..."))) {
            throw new IllegalArgumentException("einsum: operand " + k + " of shape " + Shapes.str(t.shape()) + " has "
                    + t.rank() + " dims but \"" + subscripts + "\" names " + named);
        }
        return new Term(t, expand(subscripts, ellipsisLetters(extra, ellipsisDims)));
    }

    /** The last {@code count} of {@code total} ellipsis letters (ellipsis dims align from the right). */
    private static String ellipsisLetters(int count, int total) {
        StringBuilder b = new StringBuilder();
        for (int i = total - count; i < total; i++) b.append((char) (ELLIPSIS_BASE + i));
        return b.toString();
    }

    private static String expand(String subscripts, String ellipsis) {
        return subscripts.replace("...", ellipsis);
    }

    /** torch's implicit output: the ellipsis dims, then the letters used exactly once, sorted. */
    private static String implicitOutput(List<Term> terms, String ellipsisLetters) {
        Map<Character, Integer> uses = new LinkedHashMap<>();
        for (Term t : terms) for (char c : t.letters.toCharArray()) uses.merge(c, 1, Integer::sum);
        TreeSet<Character> once = new TreeSet<>();
        uses.forEach((c, n) -> { if (n == 1 && c < ELLIPSIS_BASE) once.add(c); });
        StringBuilder b = new StringBuilder();
        for (char c : ellipsisLetters.toCharArray()) if (uses.containsKey(c)) b.append(c);
        for (char c : once) b.append(c);
        return b.toString();
    }

    /** Each letter's size; sizes of 1 broadcast; output letters must be used and appear once. */
    private static Map<Character, Integer> sizes(String equation, List<Term> terms, String output) {
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        for (int k = 0; k < terms.size(); k++) {
            Term t = terms.get(k);
            for (int d = 0; d < t.letters.length(); d++) {
                char c = t.letters.charAt(d);
                int n = t.t.size(d);
                Integer before = sizes.get(c);
                if (before == null || before == 1) sizes.put(c, n);
                else if (n != 1 && n != before) {
                    throw new IllegalArgumentException("einsum: subscript '" + show(c) + "' of \"" + equation + "\" has size "
                            + before + " and size " + n + " (operand " + k + " of shape " + Shapes.str(t.t.shape()) + ")");
                }
            }
        }
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (!sizes.containsKey(c) || output.indexOf(c) != i) {
                throw new IllegalArgumentException("einsum: output subscript '" + show(c) + "' of \"" + equation
                        + "\" must appear in an input and only once in the output");
            }
        }
        return sizes;
    }

    private static String show(char c) { return c >= ELLIPSIS_BASE ? "..." : String.valueOf(c); }

    /** A letter repeated within one operand takes the diagonal: multiply by the identity and sum one copy out. */
    private static Term diagonals(Term term) {
        Tensor t = term.t;
        String letters = term.letters;
        for (int i = 0; i < letters.length(); i++) {
            int j = letters.indexOf(letters.charAt(i), i + 1);
            if (j < 0) continue;
            int n = t.size(i);
            if (t.size(j) != n) {
                throw new IllegalArgumentException("einsum: repeated subscript '" + show(letters.charAt(i)) + "' spans dims of sizes "
                        + n + " and " + t.size(j) + " in an operand of shape " + Shapes.str(t.shape()));
            }
            int[] shape = new int[t.rank()];
            Arrays.fill(shape, 1);
            shape[i] = n;
            shape[j] = n;
            Tensor eye = Tensor.eye(t.dtype(), n).to(t.device()).reshape(shape);
            t = t.mul(eye).sum(new int[] {j}, false);
            letters = letters.substring(0, j) + letters.substring(j + 1);
            i--; // the same letter may repeat a third time
        }
        return new Term(t, letters);
    }

    /** Size-1 dims expanded to their letter's size (broadcasting between operands). */
    private static Term broadcast(Term term, Map<Character, Integer> sizes) {
        int[] shape = new int[term.letters.length()];
        for (int d = 0; d < shape.length; d++) shape[d] = sizes.get(term.letters.charAt(d));
        return Arrays.equals(shape, term.t.shape()) ? term : new Term(term.t.expand(shape), term.letters);
    }

    /** The letters the output or the operands from {@code from} on use. */
    private static String needed(String output, List<Term> terms, int from) {
        StringBuilder b = new StringBuilder(output);
        for (int k = from; k < terms.size(); k++) b.append(terms.get(k).letters);
        return b.toString();
    }

    /** Sums out the letters of this operand that nothing in {@code keep} uses. */
    private static Term sumUnused(Term term, String keep) {
        List<Integer> dims = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        for (int d = 0; d < term.letters.length(); d++) {
            if (keep.indexOf(term.letters.charAt(d)) < 0) dims.add(d);
            else kept.append(term.letters.charAt(d));
        }
        if (dims.isEmpty()) return term;
        return new Term(term.t.sum(dims.stream().mapToInt(Integer::intValue).toArray(), false), kept.toString());
    }

    /**
     * a and b contracted by one batched matmul: letters in both and kept are the batch, letters in
     * both and not kept are summed; the result's letters are batch, a's own, b's own.
     */
    private static Term contract(Term a, Term b, String keep) {
        StringBuilder batch = new StringBuilder(), summed = new StringBuilder(), left = new StringBuilder(), right = new StringBuilder();
        for (char c : a.letters.toCharArray()) {
            if (b.letters.indexOf(c) < 0) left.append(c);
            else if (keep.indexOf(c) >= 0) batch.append(c);
            else summed.append(c);
        }
        for (char c : b.letters.toCharArray()) if (a.letters.indexOf(c) < 0) right.append(c);
        Tensor ta = permuteTo(a, "" + batch + left + summed).t;
        Tensor tb = permuteTo(b, "" + batch + summed + right).t;
        int nb = size(ta, 0, batch.length()), nl = size(ta, batch.length(), left.length());
        int ns = size(tb, batch.length(), summed.length()), nr = size(tb, batch.length() + summed.length(), right.length());
        Tensor product = ta.reshape(nb, nl, ns).matmul(tb.reshape(nb, ns, nr));
        int[] shape = new int[batch.length() + left.length() + right.length()];
        System.arraycopy(ta.shape(), 0, shape, 0, batch.length() + left.length());
        System.arraycopy(tb.shape(), batch.length() + summed.length(), shape, batch.length() + left.length(), right.length());
        return new Term(product.reshape(shape), "" + batch + left + right);
    }

    private static int size(Tensor t, int from, int count) {
        int n = 1;
        for (int d = from; d < from + count; d++) n *= t.size(d);
        return n;
    }

    private static Term permuteTo(Term term, String letters) {
        int[] order = new int[letters.length()];
        for (int d = 0; d < order.length; d++) order[d] = term.letters.indexOf(letters.charAt(d));
        boolean identity = true;
        for (int d = 0; d < order.length; d++) identity &= order[d] == d;
        return identity ? term : new Term(term.t.permute(order), letters);
    }
}
