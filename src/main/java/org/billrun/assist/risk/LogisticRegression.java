package org.billrun.assist.risk;

import java.util.List;

/**
 * Binary logistic regression with an L2 penalty on the weights (not the intercept), fitted by
 * Newton's method, which for this model is iteratively reweighted least squares: a handful of
 * iterations, each solving one small linear system, and the same answer on every run.
 */
final class LogisticRegression {

    static final int MAX_ITERATIONS = 100;
    static final double TOLERANCE = 1e-9;

    /** The intercept, then one weight per feature. */
    record Fit(double intercept, double[] weights, int iterations) {

        double logOdds(double[] x) {
            double z = intercept;
            for (int j = 0; j < x.length; j++) {
                z += weights[j] * x[j];
            }
            return z;
        }
    }

    private LogisticRegression() {}

    static Fit fit(List<double[]> rows, List<Boolean> outcomes, double penalty) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        int d = rows.get(0).length + 1;
        double[] beta = new double[d];
        for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < rows.size(); i++) {
                double[] x = withIntercept(rows.get(i));
                double p = sigmoid(dot(beta, x));
                double residual = p - (outcomes.get(i) ? 1 : 0);
                double w = Math.max(p * (1 - p), 1e-10);
                for (int a = 0; a < d; a++) {
                    gradient[a] += residual * x[a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += w * x[a] * x[b];
                    }
                }
            }
            for (int a = 1; a < d; a++) {
                gradient[a] += penalty * beta[a];
                hessian[a][a] += penalty;
            }
            double[] step = solve(hessian, gradient);
            double largest = 0;
            for (int a = 0; a < d; a++) {
                beta[a] -= step[a];
                largest = Math.max(largest, Math.abs(step[a]));
            }
            if (largest < TOLERANCE) {
                return fit(beta, iteration);
            }
        }
        return fit(beta, MAX_ITERATIONS);
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static Fit fit(double[] beta, int iterations) {
        double[] weights = new double[beta.length - 1];
        System.arraycopy(beta, 1, weights, 0, weights.length);
        return new Fit(beta[0], weights, iterations);
    }

    private static double[] withIntercept(double[] row) {
        double[] x = new double[row.length + 1];
        x[0] = 1;
        System.arraycopy(row, 0, x, 1, row.length);
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; the penalty keeps the system positive definite. */
    static double[] solve(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = java.util.Arrays.copyOf(matrix[i], n + 1);
            a[i][n] = rhs[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-300) {
                throw new ArithmeticException("singular system: a feature is constant or a copy of another; add a penalty");
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double f = a[row][col] / a[col][col];
                for (int k = col; k <= n; k++) {
                    a[row][k] -= f * a[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double s = a[row][n];
            for (int k = row + 1; k < n; k++) {
                s -= a[row][k] * x[k];
            }
            x[row] = s / a[row][row];
        }
        return x;
    }
}
