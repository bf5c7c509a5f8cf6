package stats

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/gonum/mat"
)

// CorrMatrix holds the correlations of every pair of a set of named columns,
// each computed on the rows where both columns are not NaN (pairwise
// deletion, as pandas' DataFrame.corr).
//
// A pair that has fewer than 3 such rows, or a constant column, has NaN for
// R, P and its interval. The diagonal has R = 1 and P = 0 (NaN for such a
// column) and N = the column's non-NaN count.
type CorrMatrix struct {
	Names  []string
	Method Method
	R      *mat.SymDense // coefficients
	P      *mat.SymDense // unadjusted p-values; see Adjusted
	N      [][]int       // pairs used
	corr   [][]Corr
}

// Matrix returns the correlation matrix of cols with the given method and
// default options. names labels the columns (nil means "v1", "v2", ...).
// Matrix panics if the columns differ in length or if names is not nil and
// len(names) != len(cols).
func Matrix(names []string, cols [][]float64, method Method) (*CorrMatrix, error) {
	return MatrixWith(names, cols, method, nil)
}

// MatrixWith is [Matrix] with options, applied to every pair (weights, if
// any, are per row).
func MatrixWith(names []string, cols [][]float64, method Method, opts *Options) (*CorrMatrix, error) {
	k := len(cols)
	if names == nil {
		names = make([]string, k)
		for i := range names {
			names[i] = fmt.Sprintf("v%d", i+1)
		}
	}
	if len(names) != k {
		panic("stats: names and columns differ in number")
	}
	for _, c := range cols {
		if len(c) != len(cols[0]) {
			panic("stats: slice length mismatch")
		}
	}
	if k == 0 {
		return nil, fmt.Errorf("%w: no columns", ErrInvalid)
	}
	m := &CorrMatrix{
		Names:  slices.Clone(names),
		Method: method,
		R:      mat.NewSymDense(k, nil),
		P:      mat.NewSymDense(k, nil),
		N:      make([][]int, k),
		corr:   make([][]Corr, k),
	}
	for i := range k {
		m.N[i] = make([]int, k)
		m.corr[i] = make([]Corr, k)
	}
	for i := range k {
		// The diagonal: a column against itself.
		c, err := Correlate(cols[i], cols[i], method, opts)
		if err != nil && !isDataErr(err) {
			return nil, err
		}
		if err == nil {
			c.R, c.P = 1, 0
		}
		m.set(i, i, c)
		for j := i + 1; j < k; j++ {
			c, err := Correlate(cols[i], cols[j], method, opts)
			if err != nil && !isDataErr(err) {
				return nil, err
			}
			m.set(i, j, c)
		}
	}
	return m, nil
}

// isDataErr reports whether err is about the data of one pair (which
// leaves NaN in the matrix) rather than the call.
func isDataErr(err error) bool {
	return errors.Is(err, ErrTooFew) || errors.Is(err, ErrConstant) || errors.Is(err, ErrTies)
}

func (m *CorrMatrix) set(i, j int, c Corr) {
	m.R.SetSym(i, j, c.R)
	m.P.SetSym(i, j, c.P)
	m.N[i][j], m.N[j][i] = c.N, c.N
	m.corr[i][j], m.corr[j][i] = c, c
}

// At returns the correlation of columns i and j.
func (m *CorrMatrix) At(i, j int) Corr { return m.corr[i][j] }

// Pair returns the correlation of the columns named a and b, and false if
// either name is unknown.
func (m *CorrMatrix) Pair(a, b string) (Corr, bool) {
	i, j := slices.Index(m.Names, a), slices.Index(m.Names, b)
	if i < 0 || j < 0 {
		return Corr{}, false
	}
	return m.corr[i][j], true
}

// Adjusted returns the p-values adjusted for multiple comparisons over the
// k(k-1)/2 distinct pairs (see [AdjustP]); the diagonal is kept as in P.
func (m *CorrMatrix) Adjusted(a Adjustment) *mat.SymDense {
	k := len(m.Names)
	var p []float64
	for i := range k {
		for j := i + 1; j < k; j++ {
			p = append(p, m.P.At(i, j))
		}
	}
	adj := AdjustP(p, a)
	out := mat.NewSymDense(k, nil)
	for i := range k {
		out.SetSym(i, i, m.P.At(i, i))
		for j := i + 1; j < k; j++ {
			out.SetSym(i, j, adj[0])
			adj = adj[1:]
		}
	}
	return out
}

// String returns a text table with one line per distinct pair: the two
// names, R, P (unadjusted), N and the interval.
func (m *CorrMatrix) String() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "x\ty\t%s\tp\tn\tlo\thi\n", coefName(m.Method))
	for i := range m.Names {
		for j := i + 1; j < len(m.Names); j++ {
			c := m.corr[i][j]
			fmt.Fprintf(w, "%s\t%s\t%+.4f\t%.3g\t%d\t%+.4f\t%+.4f\n", m.Names[i], m.Names[j], c.R, c.P, c.N, c.Lo, c.Hi)
		}
	}
	w.Flush()
	return b.String()
}

func coefName(m Method) string {
	switch m {
	case MethodSpearman:
		return "rho"
	case MethodKendall:
		return "tau"
	}
	return "r"
}

// Adjustment is a method of adjusting p-values for multiple comparisons.
type Adjustment uint8

// The adjustments.
const (
	// Holm is Holm's (1979) step-down method, which controls the
	// family-wise error rate.
	Holm Adjustment = iota + 1
	// BenjaminiHochberg is the step-up method of Benjamini and Hochberg
	// (1995), which controls the false discovery rate.
	BenjaminiHochberg
)

// String returns "holm" or "fdr_bh" (statsmodels' names).
func (a Adjustment) String() string {
	switch a {
	case Holm:
		return "holm"
	case BenjaminiHochberg:
		return "fdr_bh"
	}
	return fmt.Sprintf("Adjustment(%d)", uint8(a))
}

// AdjustP returns the p-values p adjusted by a, as statsmodels'
// multipletests and R's p.adjust: with the m non-NaN p-values sorted,
// p_(1) <= ... <= p_(m), Holm gives max_{j<=i} min(1, (m-j+1) p_(j)) and
// Benjamini-Hochberg gives min_{j>=i} min(1, m/j p_(j)). NaN p-values stay
// NaN and do not count in m. AdjustP panics on an unknown adjustment.
func AdjustP(p []float64, a Adjustment) []float64 {
	if a != Holm && a != BenjaminiHochberg {
		panic("stats: unknown p-value adjustment")
	}
	out := make([]float64, len(p))
	var idx []int
	for i, v := range p {
		if math.IsNaN(v) {
			out[i] = math.NaN()
			continue
		}
		idx = append(idx, i)
	}
	slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(p[i], p[j]) })
	m := float64(len(idx))
	switch a {
	case Holm:
		run := 0.0
		for k, i := range idx {
			run = math.Max(run, math.Min(1, (m-float64(k))*p[i]))
			out[i] = run
		}
	case BenjaminiHochberg:
		run := 1.0
		for k := len(idx) - 1; k >= 0; k-- {
			i := idx[k]
			run = math.Min(run, math.Min(1, m/float64(k+1)*p[i]))
			out[i] = run
		}
	}
	return out
}
