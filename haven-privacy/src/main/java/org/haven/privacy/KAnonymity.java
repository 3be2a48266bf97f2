package org.haven.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Equivalence classes, k and prosecutor risk for rows of quasi-identifier values (as text, in the order of the
 * quasi-identifiers), and the search for the least generalisation that reaches a target k.
 *
 * <p>The search runs over the lattice of level vectors (one level per quasi-identifier). Meeting the target with at
 * most the allowed suppression is monotone: generalising further only merges classes, so a record in a class of
 * size k or more stays in one. A node therefore succeeds when a node below it succeeded and fails when a node above
 * it failed, which lets most of the lattice be settled without counting. The search binary-searches the lowest
 * lattice height with a successful node, then picks, at that height, the node with the fewest suppressed records
 * (then the least relative generalisation, then the first in order). A missing value counts as the value "".
 */
public final class KAnonymity {

    private KAnonymity() {
    }

    /** Classes, k and risk of the rows as they stand. */
    public static RiskSummary assess(List<String[]> rows) {
        Map<List<String>, Integer> classes = new HashMap<>();
        for (String[] row : rows) {
            classes.merge(Arrays.asList(row.clone()), 1, Integer::sum);
        }
        long k = classes.values().stream().mapToLong(Integer::longValue).min().orElse(0);
        return RiskSummary.of(rows.size(), classes.size(), k);
    }

    /**
     * @param maxSuppressedFraction the share of records that may be removed, 0 to 1
     */
    public static KAnonymityReport search(List<QuasiIdentifier> quasiIdentifiers, List<String[]> rows, int targetK,
            double maxSuppressedFraction) {
        if (quasiIdentifiers.isEmpty()) {
            throw new IllegalArgumentException("at least one quasi-identifier");
        }
        if (targetK < 1) {
            throw new IllegalArgumentException("the target k is at least 1");
        }
        if (!(maxSuppressedFraction >= 0 && maxSuppressedFraction <= 1)) {
            throw new IllegalArgumentException("the suppression cap is a fraction from 0 to 1");
        }
        for (String[] row : rows) {
            if (row.length != quasiIdentifiers.size()) {
                throw new IllegalArgumentException("every row has one value per quasi-identifier");
            }
        }
        Search search = new Search(quasiIdentifiers, rows, targetK, (long) Math.floor(maxSuppressedFraction
                * rows.size()));
        return search.run(maxSuppressedFraction);
    }

    private record Outcome(boolean satisfied, long suppressed, long kReached, long classes) {
    }

    private static final class Search {

        private final List<QuasiIdentifier> quasiIdentifiers;
        private final int rowCount;
        private final int targetK;
        private final long cap;
        private final int[] heights;
        /** ids[field][level][row]: the generalised value of a row as a small integer. */
        private final int[][][] ids;
        private final int[][] distinct;
        private final Map<List<Integer>, Outcome> evaluated = new HashMap<>();
        private final List<int[]> successes = new ArrayList<>();
        private final List<int[]> failures = new ArrayList<>();

        Search(List<QuasiIdentifier> quasiIdentifiers, List<String[]> rows, int targetK, long cap) {
            this.quasiIdentifiers = quasiIdentifiers;
            this.rowCount = rows.size();
            this.targetK = targetK;
            this.cap = cap;
            int fields = quasiIdentifiers.size();
            heights = new int[fields];
            ids = new int[fields][][];
            distinct = new int[fields][];
            for (int f = 0; f < fields; f++) {
                Hierarchy hierarchy = quasiIdentifiers.get(f).hierarchy();
                heights[f] = hierarchy.height();
                ids[f] = new int[heights[f] + 1][rowCount];
                distinct[f] = new int[heights[f] + 1];
                for (int level = 0; level <= heights[f]; level++) {
                    Map<String, Integer> dictionary = new HashMap<>();
                    for (int r = 0; r < rowCount; r++) {
                        String value = rows.get(r)[f] == null ? "" : rows.get(r)[f];
                        String generalised = hierarchy.generalise(value, level);
                        // A value the hierarchy does not cover is treated as fully generalised above level 0.
                        String key = generalised != null ? generalised : Hierarchy.SUPPRESSED;
                        Integer id = dictionary.get(key);
                        if (id == null) {
                            id = dictionary.size();
                            dictionary.put(key, id);
                        }
                        ids[f][level][r] = id;
                    }
                    distinct[f][level] = dictionary.size();
                }
            }
        }

        KAnonymityReport run(double capFraction) {
            int[] bottom = new int[heights.length];
            int maxHeight = Arrays.stream(heights).sum();
            Outcome initial = count(bottom, 1);
            RiskSummary before = RiskSummary.of(rowCount, initial.classes(), initial.kReached());
            int low = 0;
            int high = maxHeight;
            if (!anySatisfied(high)) {
                return report(heights.clone(), capFraction, false, before);
            }
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (anySatisfied(middle)) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            int[] best = null;
            Outcome bestOutcome = null;
            for (int[] node : nodesAt(low)) {
                Outcome outcome = evaluate(node);
                if (outcome.satisfied() && outcome.suppressed() < 0) {
                    outcome = count(node, targetK); // settled by monotonicity; the choice needs its figures
                }
                if (outcome.satisfied() && (best == null || preferred(node, outcome, best, bestOutcome))) {
                    best = node;
                    bestOutcome = outcome;
                }
            }
            return report(best, capFraction, true, before);
        }

        private boolean preferred(int[] node, Outcome outcome, int[] best, Outcome bestOutcome) {
            if (outcome.suppressed() != bestOutcome.suppressed()) {
                return outcome.suppressed() < bestOutcome.suppressed();
            }
            double loss = relativeLoss(node);
            double bestLoss = relativeLoss(best);
            return Math.abs(loss - bestLoss) > 1e-9 && loss < bestLoss;
        }

        private double relativeLoss(int[] node) {
            double loss = 0;
            for (int f = 0; f < node.length; f++) {
                loss += heights[f] == 0 ? 0 : (double) node[f] / heights[f];
            }
            return loss;
        }

        private KAnonymityReport report(int[] levels, double capFraction, boolean achieved, RiskSummary before) {
            Outcome outcome = count(levels, targetK);
            Map<String, Integer> named = new LinkedHashMap<>();
            for (int f = 0; f < levels.length; f++) {
                named.put(quasiIdentifiers.get(f).name(), levels[f]);
            }
            RiskSummary after = RiskSummary.of(rowCount - outcome.suppressed(), outcome.classes(), outcome.kReached());
            long lattice = 1;
            for (int height : heights) {
                lattice = Math.multiplyExact(lattice, height + 1L);
            }
            return new KAnonymityReport(named, targetK, capFraction, achieved, outcome.kReached(),
                    outcome.suppressed(), before, after, evaluated.size(), lattice);
        }

        private boolean anySatisfied(int height) {
            for (int[] node : nodesAt(height)) {
                if (evaluate(node).satisfied()) {
                    return true;
                }
            }
            return false;
        }

        /** Settled by monotonicity when possible, counted otherwise. */
        private Outcome evaluate(int[] node) {
            List<Integer> key = Arrays.stream(node).boxed().toList();
            Outcome known = evaluated.get(key);
            if (known != null) {
                return known;
            }
            for (int[] failure : failures) {
                if (below(node, failure)) {
                    return new Outcome(false, -1, -1, -1);
                }
            }
            for (int[] success : successes) {
                if (below(success, node)) {
                    return new Outcome(true, -1, -1, -1);
                }
            }
            Outcome outcome = count(node, targetK);
            evaluated.put(key, outcome);
            (outcome.satisfied() ? successes : failures).add(node.clone());
            return outcome;
        }

        private static boolean below(int[] lower, int[] upper) {
            for (int i = 0; i < lower.length; i++) {
                if (lower[i] > upper[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Class sizes at a node; records in classes below {@code k} are suppressed. */
        private Outcome count(int[] node, int k) {
            Map<Object, int[]> classes = new HashMap<>();
            boolean packed = fitsInLong(node);
            for (int r = 0; r < rowCount; r++) {
                Object key;
                if (packed) {
                    long combined = 0;
                    for (int f = 0; f < node.length; f++) {
                        combined = combined * distinct[f][node[f]] + ids[f][node[f]][r];
                    }
                    key = combined;
                } else {
                    int[] values = new int[node.length];
                    for (int f = 0; f < node.length; f++) {
                        values[f] = ids[f][node[f]][r];
                    }
                    key = Arrays.stream(values).boxed().toList();
                }
                classes.computeIfAbsent(key, ignored -> new int[1])[0]++;
            }
            long suppressed = 0;
            long kept = 0;
            long smallest = Long.MAX_VALUE;
            for (int[] size : classes.values()) {
                if (size[0] < k) {
                    suppressed += size[0];
                } else {
                    kept++;
                    smallest = Math.min(smallest, size[0]);
                }
            }
            boolean satisfied = suppressed <= cap && kept > 0;
            return new Outcome(satisfied, suppressed, kept == 0 ? 0 : smallest, kept);
        }

        /** Whether the value combinations of a node can be numbered in a long (mixed radix). */
        private boolean fitsInLong(int[] node) {
            long product = 1;
            for (int f = 0; f < node.length; f++) {
                long size = Math.max(1, distinct[f][node[f]]);
                if (product > Long.MAX_VALUE / size) {
                    return false;
                }
                product *= size;
            }
            return true;
        }

        private List<int[]> nodesAt(int height) {
            List<int[]> nodes = new ArrayList<>();
            collect(new int[heights.length], 0, height, nodes);
            return nodes;
        }

        private void collect(int[] node, int field, int remaining, List<int[]> nodes) {
            if (field == heights.length - 1) {
                if (remaining <= heights[field]) {
                    node[field] = remaining;
                    nodes.add(node.clone());
                }
                return;
            }
            for (int level = 0; level <= Math.min(heights[field], remaining); level++) {
                node[field] = level;
                collect(node, field + 1, remaining - level, nodes);
            }
        }
    }
}
