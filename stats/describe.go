package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Summary describes a sample, as pandas' Series.describe plus the NaN count.
type Summary struct {
	N      int     // values that are not NaN
	NaN    int     // NaN values (ignored by everything else)
	Mean   float64 // NaN when N = 0
	Std    float64 // sample standard deviation (n-1 denominator); NaN when N < 2
	Min    float64
	Q1     float64 // 25% quantile
	Median float64
	Q3     float64 // 75% quantile
	Max    float64
}

// String formats s on one line.
func (s Summary) String() string {
	return fmt.Sprintf("n=%d nan=%d mean=%.6g std=%.6g min=%.6g q1=%.6g median=%.6g q3=%.6g max=%.6g",
		s.N, s.NaN, s.Mean, s.Std, s.Min, s.Q1, s.Median, s.Q3, s.Max)
}

// Describe returns the summary of x, ignoring NaN. Quantiles interpolate
// linearly between order statistics (numpy's and pandas' default, type 7 of
// Hyndman and Fan; gonum's stat.Quantile offers other definitions). ±Inf
// values count as values. With no values every statistic is NaN.
func Describe(x []float64) Summary {
	v := dropNaN(x)
	nan := math.NaN()
	s := Summary{N: len(v), NaN: len(x) - len(v), Mean: nan, Std: nan, Min: nan, Q1: nan, Median: nan, Q3: nan, Max: nan}
	if len(v) == 0 {
		return s
	}
	slices.Sort(v)
	s.Mean, s.Std = meanStd(v)
	s.Min, s.Max = v[0], v[len(v)-1]
	s.Q1 = quantileSorted(v, 0.25)
	s.Median = quantileSorted(v, 0.5)
	s.Q3 = quantileSorted(v, 0.75)
	return s
}

// Quantiles returns the quantiles of x at the probabilities ps, ignoring
// NaN, with the linear interpolation of [Describe]. A probability outside
// [0, 1], or an x without values, gives NaN.
func Quantiles(x []float64, ps ...float64) []float64 {
	v := dropNaN(x)
	slices.Sort(v)
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = quantileSorted(v, p)
	}
	return out
}

// quantileSorted returns the type-7 quantile of the sorted, NaN-free v:
// v[h] + (h - floor h)(v[h+1] - v[h]) with h = (len(v)-1) p (0-based).
func quantileSorted(v []float64, p float64) float64 {
	if len(v) == 0 || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	h := float64(len(v)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(v)-1 {
		return v[len(v)-1]
	}
	f := h - float64(lo)
	if f == 0 {
		return v[lo]
	}
	return v[lo] + f*(v[lo+1]-v[lo])
}

func dropNaN(x []float64) []float64 {
	v := make([]float64, 0, len(x))
	for _, f := range x {
		if !math.IsNaN(f) {
			v = append(v, f)
		}
	}
	return v
}

// meanStd returns gonum's mean and sample standard deviation, with NaN for
// the deviation of a single value.
func meanStd(v []float64) (mean, std float64) {
	if len(v) < 2 {
		return stat.Mean(v, nil), math.NaN()
	}
	return stat.MeanStdDev(v, nil)
}

// BinStat holds the statistics of the y values whose x falls in one bin.
type BinStat struct {
	Lo, Hi float64 // the bin's edges
	Count  int     // pairs in the bin (without NaN)
	Mean   float64 // NaN when Count = 0
	Std    float64 // sample standard deviation (n-1); NaN when Count < 2
	Median float64
	Min    float64
	Max    float64
}

// Bin groups the y values by bins of x and returns the statistics of each
// bin, as scipy.stats.binned_statistic: the bins are [edges[i], edges[i+1])
// except the last, which includes its upper edge. Pairs where x or y is NaN,
// and x outside the edges, are ignored. Note that Std uses the n-1
// denominator (gonum's and pandas' convention), where binned_statistic's
// 'std' uses n.
//
// Fewer than 2 edges, a NaN edge or edges that do not increase strictly
// give ErrInvalid. Bin panics if len(x) != len(y).
func Bin(x, y, edges []float64) ([]BinStat, error) {
	if len(x) != len(y) {
		panic("stats: slice length mismatch")
	}
	if len(edges) < 2 {
		return nil, fmt.Errorf("%w: %d bin edges, need 2 or more", ErrInvalid, len(edges))
	}
	for i, e := range edges {
		if math.IsNaN(e) || i > 0 && !(e > edges[i-1]) {
			return nil, fmt.Errorf("%w: bin edges must increase strictly (edge %d is %v)", ErrInvalid, i, e)
		}
	}
	nb := len(edges) - 1
	bin := func(v float64) int {
		if v == edges[nb] {
			return nb - 1
		}
		// Number of edges <= v, minus one.
		return sort.Search(len(edges), func(i int) bool { return edges[i] > v }) - 1
	}
	// Group the y values by bin with a counting sort.
	start := make([]int, nb+1)
	for i, xv := range x {
		if math.IsNaN(xv) || math.IsNaN(y[i]) {
			continue
		}
		if b := bin(xv); b >= 0 && b < nb {
			start[b+1]++
		}
	}
	for b := range nb {
		start[b+1] += start[b]
	}
	vals := make([]float64, start[nb])
	next := slices.Clone(start[:nb])
	for i, xv := range x {
		if math.IsNaN(xv) || math.IsNaN(y[i]) {
			continue
		}
		if b := bin(xv); b >= 0 && b < nb {
			vals[next[b]] = y[i]
			next[b]++
		}
	}
	out := make([]BinStat, nb)
	nan := math.NaN()
	for b := range nb {
		v := vals[start[b]:start[b+1]]
		s := BinStat{Lo: edges[b], Hi: edges[b+1], Count: len(v), Mean: nan, Std: nan, Median: nan, Min: nan, Max: nan}
		if len(v) > 0 {
			slices.Sort(v)
			s.Mean, s.Std = meanStd(v)
			s.Median = quantileSorted(v, 0.5)
			s.Min, s.Max = v[0], v[len(v)-1]
		}
		out[b] = s
	}
	return out, nil
}
