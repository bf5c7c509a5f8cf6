// Package stats provides the statistics oceanographers run on in-situ data:
// correlation coefficients with p-values and confidence intervals, robust to
// missing values, and the small toolbox around them: correlation matrices
// with multiple-comparison adjustment, partial and lagged correlation,
// bootstrap intervals, linear regression, binned and summary statistics, and
// interpolation of unordered profiles.
//
// It answers questions such as "is fish size correlated with water
// temperature and fishing intensity in the Iroise Sea?":
//
//	c, err := stats.Spearman(temperature, size)
//	if errors.Is(err, stats.ErrTooFew) { ... }
//	fmt.Println(c.R, c.P, c.N, c.Lo, c.Hi)
//
// # Relation to gonum's stat
//
// This package builds on gonum (stat, stat/distuv, mathext, mat, interp) and
// sits next to gonum.org/v1/gonum/stat, whose name is close: import both as
// they are (stat and stats) or alias one. They differ in what they are for:
//
//   - gonum's stat computes estimates (stat.Correlation, stat.Kendall) on
//     clean data. It does not skip NaN (a NaN poisons the result), returns
//     no p-values or intervals, and its Kendall is tau-a in O(n²).
//   - This package returns a [Corr] with the coefficient, the p-value, the
//     number of pairs used and a confidence interval. It drops the pairs that
//     contain a NaN (missing values in Argo, ERDDAP and CTD data are NaN),
//     returns errors for degenerate input instead of NaN, computes
//     Kendall's tau-b in O(n log n), and follows scipy.stats, whose results
//     it reproduces (see Accuracy).
//
// Where gonum has the piece, this package calls it: the incomplete beta and
// normal functions behind the p-values, the weighted correlation, QR least
// squares for partial correlation, the piecewise linear interpolator, the
// mean and standard deviation.
//
// # Correlation
//
// [Pearson], [Spearman] and [Kendall] take two equal-length slices and
// return a [Corr]: R, the two-sided P, N, the 95% interval [Lo, Hi], the
// Method and how P was computed (PValue). [Correlate] takes the method and
// [Options]: a one-sided alternative ([Less], [Greater]), another confidence
// level, frequency weights (Pearson, Spearman), or the Kendall p-value method.
//
//   - Pearson's p-value uses Student's t with n-2 degrees of freedom, as
//     scipy.stats.pearsonr; the interval is Fisher's z: tanh(atanh(r) ∓
//     z_{0.975}/sqrt(n-3)).
//   - Spearman's rho is Pearson's r of the average ranks; its p-value uses
//     Student's t, as scipy.stats.spearmanr, and its interval is the same
//     plain Fisher z interval (no variance correction for rho).
//   - Kendall's tau is tau-b (adjusted for ties). Its p-value is exact
//     (the permutation distribution) when there are no ties and n <= 33 or
//     at most one pair is discordant or concordant, and otherwise uses the
//     normal approximation with the tie-corrected variance: scipy's
//     method='auto'. Its interval is a Fisher z interval with the variance
//     0.437/(n-4) of Fieller, Hartley and Pearson (1957).
//
// # Missing values and errors
//
// A pair in which either value is NaN is dropped, and N counts the pairs
// left. Fewer than 3 pairs give [ErrTooFew], a constant input gives
// [ErrConstant]; R, P, Lo and Hi are then NaN. Callers branch with
// [errors.Is]. Slices of different lengths are a programming error and
// panic, as in gonum. No function keeps state between calls; [Bootstrap]
// takes its random source as an argument. Everything is safe for concurrent
// use on distinct or read-only data.
//
// # Toolbox
//
//   - [Matrix] correlates every pair of named columns (pairwise deletion of
//     NaN) into a [CorrMatrix] with R, P and N, a text table, and p-values
//     adjusted by [Holm] or [BenjaminiHochberg] ([AdjustP]).
//   - [Partial] is the correlation of x and y controlling for other
//     variables; [Lagged] is the cross-correlation at integer lags;
//     [Bootstrap] gives percentile intervals for any statistic.
//   - [LinearFit] is scipy.stats.linregress (slope, intercept, r, p, standard
//     errors) with [Fit.Predict]; [Detrend] removes the fitted line.
//   - [Bin] returns count, mean, standard deviation, median, minimum and
//     maximum of y in bins of x; [Describe] summarises one variable;
//     [Quantiles] and [Rank] are the building blocks.
//   - [Interp] interpolates linearly at new abscissae after sorting and
//     de-duplicating x (Argo pressures are not always monotonic), with NaN
//     outside the data.
//
// # Accuracy
//
// The tests compare every coefficient, p-value and interval with results of
// scipy 1.10 (pearsonr, spearmanr, kendalltau with both methods, linregress)
// on data with ties, NaN, constant input and 100,000 points: coefficients
// agree to 1e-12 relative, p-values to 1e-9 relative (or 1e-300 absolute)
// and interval bounds to 1e-9. Where |r| is within 1e-12 of 1, the p-value
// depends on the last bit of r, and this package may return R = 1 exactly
// (and P = 0) where scipy's rounding gives 0.9999999999999999.
//
// # Performance and memory
//
// Pearson makes two passes over the data and allocates nothing. Spearman and
// Kendall copy the pairs without NaN into one buffer of 16 bytes per pair and
// sort it in place (a radix sort on the bit patterns of the values); Spearman
// turns it into the ranks and Kendall counts discordant pairs in it by merge
// sort, in O(n log n). BENCHMARKS.md compares them with scipy and numpy.
package stats
