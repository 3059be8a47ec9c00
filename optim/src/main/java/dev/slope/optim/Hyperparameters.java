package dev.slope.optim;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where an optimizer's typed hyperparameters (a record such as {@link Adam.Options},
 * checked in its compact constructor) meet their form by name: a map of numbers under PyTorch's
 * snake_case names ({@code weightDecay} is {@code "weight_decay"}), booleans as 0 or 1 and integers
 * as whole numbers. That form is what state dicts store, what {@link OptimizerBuilder#option} reads
 * from configuration files and what schedulers change ({@link ParamGroup#set}); every conversion
 * goes back through the record's constructor, so every change is checked. The records check with
 * {@link Require}, without their owner; the conversions put the optimizer's name in front.
 */
public final class Hyperparameters {
    private Hyperparameters() {}

    /** The record's components by snake_case name, in declaration order, booleans as 0 or 1. */
    public static Map<String, Double> toMap(Record options) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            Object v = read(c, options);
            out.put(snakeCase(c.getName()), switch (v) {
                case Boolean b -> b ? 1.0 : 0.0;
                case Number n -> n.doubleValue();
                default -> throw new IllegalStateException("hyperparameter " + c.getName() + " of " + options.getClass().getSimpleName()
                        + " is a " + c.getType() + "; records of hyperparameters hold numbers and booleans");
            });
        }
        return out;
    }

    /**
     * The record of type {@code type} with the values of {@code byName}, which must name every
     * component and nothing else; throws, naming {@code optimizer}, on a missing or unknown name, a
     * boolean other than 0 or 1, a fractional integer, or a value the record refuses.
     */
    public static <R extends Record> R fromMap(String optimizer, Class<R> type, Map<String, Double> byName) {
        RecordComponent[] cs = type.getRecordComponents();
        List<String> known = new ArrayList<>();
        for (RecordComponent c : cs) known.add(snakeCase(c.getName()));
        for (String key : byName.keySet()) {
            if (!known.contains(key)) throw new IllegalArgumentException(optimizer + ": unknown hyperparameter '" + key + "'; known: " + known);
        }
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String name = known.get(i);
            Double v = byName.get(name);
            if (v == null) throw new IllegalArgumentException(optimizer + ": lacks hyperparameter '" + name + "'; it needs " + known);
            types[i] = cs[i].getType();
            args[i] = convert(optimizer, name, types[i], v);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) throw new IllegalArgumentException(optimizer + ": " + bad.getMessage(), bad);
            throw new IllegalStateException(optimizer + ": cannot make " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(optimizer + ": cannot make " + type.getSimpleName(), e);
        }
    }

    /** {@code options} with the hyperparameter {@code name} set to {@code value} (checked as by {@link #fromMap}). */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(String optimizer, R options, String name, double value) {
        Map<String, Double> m = toMap(options);
        if (!m.containsKey(name)) throw new IllegalArgumentException(optimizer + ": unknown hyperparameter '" + name + "'; known: " + m.keySet());
        m.put(name, value);
        return fromMap(optimizer, (Class<R>) options.getClass(), m);
    }

    /** {@code weightDecay} -> {@code weight_decay}; digits stay attached ({@code beta1}). */
    static String snakeCase(String component) {
        StringBuilder s = new StringBuilder();
        for (char ch : component.toCharArray()) {
            if (Character.isUpperCase(ch)) s.append('_').append(Character.toLowerCase(ch));
            else s.append(ch);
        }
        return s.toString();
    }

    private static Object convert(String optimizer, String name, Class<?> type, double v) {
        if (type == double.class) return v;
        if (type == boolean.class) return Require.flag(optimizer, name, v) == 1;
        if (type == int.class || type == long.class) {
            double max = type == int.class ? Integer.MAX_VALUE : 0x1p63;
            if (v != Math.rint(v) || Math.abs(v) >= max) {
                throw Require.outOfRange(optimizer, name, "a whole number", v);
            }
            return type == int.class ? (Object) (int) v : (Object) (long) v;
        }
        throw new IllegalStateException(optimizer + ": hyperparameter " + name + " is a " + type + "; records of hyperparameters hold numbers and booleans");
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
