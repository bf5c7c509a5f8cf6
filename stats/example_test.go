package stats_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/insitu-go/insitu/stats"
)

// Twelve trawl stations in the Iroise Sea: bottom temperature (°C), mean
// fish length (cm) and fishing effort (hours per km²). NaN marks a
// missing value, as in Argo and ERDDAP data.
var (
	temperature = []float64{11.2, 11.8, 12.1, 12.4, 12.9, 13.1, 13.4, 13.8, 14.0, math.NaN(), 14.6, 15.1}
	length      = []float64{31.5, 30.2, 30.8, 29.1, 28.7, 29.5, 27.9, 27.2, math.NaN(), 26.8, 26.1, 25.4}
	effort      = []float64{2.1, 3.5, 2.2, 3.0, 4.4, 2.9, 3.8, 3.1, 4.0, 4.4, 3.9, 5.2}
)

func ExamplePearson() {
	c, err := stats.Pearson(temperature, length)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("r = %.3f, p = %.2g, n = %d, 95%% CI [%.3f, %.3f]\n", c.R, c.P, c.N, c.Lo, c.Hi)
	// Output:
	// r = -0.972, p = 2.5e-06, n = 10, 95% CI [-0.994, -0.884]
}

func ExamplePearson_errors() {
	_, err := stats.Pearson([]float64{1, 2, math.NaN()}, []float64{3, 4, 5})
	fmt.Println(errors.Is(err, stats.ErrTooFew), err)
	_, err = stats.Pearson([]float64{1, 2, 3}, []float64{4, 4, 4})
	fmt.Println(errors.Is(err, stats.ErrConstant), err)
	// Output:
	// true stats: too few pairs: 2 pairs without NaN, need 3
	// true stats: constant input: y is constant
}

func ExampleSpearman() {
	c, err := stats.Spearman(temperature, length)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	// Output:
	// spearman r=-0.9515 p=2.28e-05 n=10 [-0.9888, -0.8029]
}

func ExampleKendall() {
	c, err := stats.Kendall(temperature, length)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("tau-b = %.4f, p = %.3g (%v), n = %d\n", c.R, c.P, c.PValue, c.N)
	// Output:
	// tau-b = -0.8667, p = 0.000115 (exact), n = 10
}

func ExampleCorrelate() {
	// One-sided test that length decreases with temperature, 90% interval.
	c, err := stats.Correlate(temperature, length, stats.MethodKendall,
		&stats.Options{Alternative: stats.Less, Level: 0.9, PValue: stats.PAsymptotic})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("tau = %.4f, p = %.3g, interval [%.0f, %.3f]\n", c.R, c.P, c.Lo, c.Hi)
	// Output:
	// tau = -0.8667, p = 0.000243, interval [-1, -0.750]
}

func ExampleCorrelate_weights() {
	// Frequency weights: each row stands for that many identical hauls.
	hauls := []float64{1, 2, 1, 1, 3, 1, 2, 1, 1, 1, 2, 1}
	c, err := stats.Correlate(temperature, length, stats.MethodPearson, &stats.Options{Weights: hauls})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("weighted r = %.3f, p = %.2g, pairs = %d\n", c.R, c.P, c.N)
	// Output:
	// weighted r = -0.976, p = 5.3e-10, pairs = 10
}

func ExampleMatrix() {
	m, err := stats.Matrix([]string{"temperature", "length", "effort"},
		[][]float64{temperature, length, effort}, stats.MethodSpearman)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(m)
	holm := m.Adjusted(stats.Holm)
	fmt.Printf("length~effort: p = %.3g, Holm-adjusted %.3g\n", m.P.At(1, 2), holm.At(1, 2))
	// Output:
	// x            y       rho      p         n   lo       hi
	// temperature  length  -0.9515  2.28e-05  10  -0.9888  -0.8029
	// temperature  effort  +0.7091  0.0146    11  +0.1901  +0.9183
	// length       effort  -0.8337  0.00143   11  -0.9556  -0.4678
	// length~effort: p = 0.00143, Holm-adjusted 0.00285
}

func ExampleAdjustP() {
	p := []float64{0.01, 0.04, 0.03, math.NaN(), 0.2}
	fmt.Printf("%.3g\n", stats.AdjustP(p, stats.Holm))
	fmt.Printf("%.3g\n", stats.AdjustP(p, stats.BenjaminiHochberg))
	// Output:
	// [0.04 0.09 0.09 NaN 0.2]
	// [0.04 0.0533 0.0533 NaN 0.2]
}

func ExamplePartial() {
	// Length against temperature, controlling for fishing effort.
	c, err := stats.Partial(temperature, length, effort)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("partial r = %.3f, p = %.3g, n = %d\n", c.R, c.P, c.N)
	// Output:
	// partial r = -0.940, p = 0.000162, n = 10
}

func ExampleLagged() {
	// A monthly series y that follows x by two months.
	x := []float64{1, 3, 2, 5, 4, 6, 3, 2, 4, 7, 5, 3}
	y := []float64{0, 0, 1, 3, 2, 5, 4, 6, 3, 2, 4, 7}
	for _, l := range stats.Lagged(x, y, []int{0, 1, 2, 3}) {
		fmt.Printf("lag %d: r = %.3f n = %d\n", l.Lag, l.R, l.N)
	}
	// Output:
	// lag 0: r = 0.167 n = 12
	// lag 1: r = 0.432 n = 11
	// lag 2: r = 1.000 n = 10
	// lag 3: r = 0.137 n = 9
}

func ExampleBootstrap() {
	rng := rand.New(rand.NewPCG(1, 2))
	b, err := stats.Bootstrap(temperature, length, stats.MethodSpearman.Coefficient, 2000, rng)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("rho = %.3f, 95%% bootstrap interval [%.3f, %.3f], %d failed resamples\n", b.Stat, b.Lo, b.Hi, b.Failed)
	// Output:
	// rho = -0.952, 95% bootstrap interval [-1.000, -0.688], 0 failed resamples
}

func ExampleLinearFit() {
	f, err := stats.LinearFit(temperature, length)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("length = %.2f %+.3f × temperature (±%.3f), r = %.3f, p = %.2g\n", f.Intercept, f.Slope, f.SlopeErr, f.R, f.P)
	fmt.Printf("predicted at 16 °C: %.1f cm\n", f.Predict(16))
	// Output:
	// length = 49.20 -1.576 × temperature (±0.134), r = -0.972, p = 2.5e-06
	// predicted at 16 °C: 24.0 cm
}

func ExampleDetrend() {
	// Remove a linear drift from a series sampled at regular steps.
	d, err := stats.Detrend(nil, []float64{10, 12.5, 13.9, 16.2, 18.1, math.NaN(), 22.4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.3f\n", d)
	// Output:
	// [-0.096 0.371 -0.261 0.006 -0.127 NaN 0.107]
}

func ExampleBin() {
	bins, err := stats.Bin(temperature, length, []float64{11, 12, 13, 14, 15, 16})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range bins {
		fmt.Printf("[%g, %g) n=%d mean=%.2f median=%.2f\n", b.Lo, b.Hi, b.Count, b.Mean, b.Median)
	}
	// Output:
	// [11, 12) n=2 mean=30.85 median=30.85
	// [12, 13) n=3 mean=29.53 median=29.10
	// [13, 14) n=3 mean=28.20 median=27.90
	// [14, 15) n=1 mean=26.10 median=26.10
	// [15, 16) n=1 mean=25.40 median=25.40
}

func ExampleDescribe() {
	fmt.Println(stats.Describe(length))
	// Output:
	// n=11 nan=1 mean=28.4727 std=1.97185 min=25.4 q1=27 median=28.7 q3=29.85 max=31.5
}

func ExampleQuantiles() {
	fmt.Printf("%.3g\n", stats.Quantiles(effort, 0.1, 0.5, 0.9))
	// Output:
	// [2.27 3.65 4.4]
}

func ExampleRank() {
	fmt.Println(stats.Rank([]float64{3.5, 1.2, math.NaN(), 3.5, 0.4}))
	// Output:
	// [3.5 2 NaN 3.5 1]
}

func ExampleInterp() {
	// An Argo profile whose pressures are not in order (and repeat once).
	pres := []float64{5, 10, 8, 20, 20, 50, math.NaN()}
	temp := []float64{14.1, 13.9, 14.0, 13.2, 13.4, 12.1, 11.9}
	fmt.Printf("%.2f\n", stats.Interp(pres, temp, []float64{0, 5, 9, 15, 35, 50, 60}))
	// Output:
	// [NaN 14.10 13.95 13.60 12.70 12.10 NaN]
}
