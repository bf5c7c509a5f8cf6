package stats

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The reference vectors are scipy 1.10 results kept outside the repository
// (../shared/reference-vectors/stats/README.md describes them).

// moduleRoot returns the directory holding go.mod, searching upward from the
// working directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// refDir returns the folder of the stats reference vectors: $INSITU_REFVECTORS
// (a relative path is taken from the module root) or
// ../shared/reference-vectors from the module root, then its stats/
// subfolder. It skips the test when the folder is missing, unless
// INSITU_REALDATA is set (as in CI), where it fails.
func refDir(t testing.TB) string {
	t.Helper()
	root := moduleRoot(t)
	base := os.Getenv("INSITU_REFVECTORS")
	if base == "" {
		base = filepath.Join(root, "..", "shared", "reference-vectors")
	} else if !filepath.IsAbs(base) {
		base = filepath.Join(root, base)
	}
	for _, dir := range []string{filepath.Join(base, "stats"), base} {
		if m, _ := filepath.Glob(filepath.Join(dir, "seed_*.json")); len(m) > 0 {
			return dir
		}
	}
	msg := fmt.Sprintf("stats reference vectors not found in %s (set INSITU_REFVECTORS to the reference-vectors folder)", base)
	if os.Getenv("INSITU_REALDATA") != "" {
		t.Fatal(msg + "; INSITU_REALDATA is set, so they are required")
	}
	t.Skip(msg)
	return ""
}

// num is a JSON number that may also be null (NaN) or "+Inf"/"-Inf".
type num float64

func (v *num) UnmarshalJSON(b []byte) error {
	switch s := string(b); s {
	case "null":
		*v = num(math.NaN())
	case `"+Inf"`, `"Inf"`:
		*v = num(math.Inf(1))
	case `"-Inf"`:
		*v = num(math.Inf(-1))
	default:
		var f float64
		if err := json.Unmarshal(b, &f); err != nil {
			return err
		}
		*v = num(f)
	}
	return nil
}

type refFile struct {
	File string `json:"file"`
	SHA  string `json:"sha256"`
	Size int    `json:"bytes"`
}

type refKendall struct {
	Tau      num    `json:"tau"`
	P        num    `json:"p"`
	Resolved string `json:"resolved_method"`
	Error    string `json:"error"`
}

type refCase struct {
	ID       string `json:"id"`
	N        int    `json:"n"`
	Variant  string `json:"variant"`
	Features struct {
		NaNX      int  `json:"nan_x"`
		NaNY      int  `json:"nan_y"`
		TiesX     bool `json:"ties_x"`
		TiesY     bool `json:"ties_y"`
		ConstantX bool `json:"constant_x"`
		ConstantY bool `json:"constant_y"`
	} `json:"features"`
	X    []num `json:"x"`
	Y    []num `json:"y"`
	Data *struct {
		X refFile `json:"x"`
		Y refFile `json:"y"`
	} `json:"data"`
	NPairs  int `json:"n_pairs"`
	Pearson struct {
		R     num    `json:"r"`
		P     num    `json:"p"`
		CI    []num  `json:"fisher_ci95"`
		Error string `json:"error"`
	} `json:"pearsonr"`
	Spearman struct {
		Rho   num    `json:"rho"`
		P     num    `json:"p"`
		CI    []num  `json:"fisher_ci95"`
		Error string `json:"error"`
	} `json:"spearmanr"`
	Kendall struct {
		Asymptotic *refKendall `json:"asymptotic"`
		Auto       *refKendall `json:"auto"`
		Exact      *refKendall `json:"exact"`
	} `json:"kendalltau"`
	Linregress struct {
		Slope           num    `json:"slope"`
		Intercept       num    `json:"intercept"`
		R               num    `json:"rvalue"`
		P               num    `json:"pvalue"`
		Stderr          num    `json:"stderr"`
		InterceptStderr num    `json:"intercept_stderr"`
		Error           string `json:"error"`
	} `json:"linregress"`
	Notes []string `json:"notes"`

	x, y []float64
}

func (c *refCase) note(prefix string) bool {
	for _, n := range c.Notes {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

var (
	refOnce  sync.Once
	refCases []*refCase
	refErr   error
)

// loadRef reads every case of every seed file, with the data of the big cases.
func loadRef(t testing.TB) []*refCase {
	t.Helper()
	dir := refDir(t)
	refOnce.Do(func() { refCases, refErr = readRef(dir) })
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refCases
}

func readRef(dir string) ([]*refCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "seed_*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []*refCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var doc struct {
			NCases int        `json:"n_cases"`
			Cases  []*refCase `json:"cases"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		if len(doc.Cases) != doc.NCases {
			return nil, fmt.Errorf("%s: %d cases, n_cases says %d", f, len(doc.Cases), doc.NCases)
		}
		for _, c := range doc.Cases {
			if c.Data != nil {
				if c.x, err = readF64(dir, c.Data.X); err != nil {
					return nil, err
				}
				if c.y, err = readF64(dir, c.Data.Y); err != nil {
					return nil, err
				}
			} else {
				c.x, c.y = floats(c.X), floats(c.Y)
			}
			if len(c.x) != c.N || len(c.y) != c.N {
				return nil, fmt.Errorf("%s: %d and %d values, n = %d", c.ID, len(c.x), len(c.y), c.N)
			}
		}
		all = append(all, doc.Cases...)
	}
	return all, nil
}

func floats(v []num) []float64 {
	f := make([]float64, len(v))
	for i, x := range v {
		f[i] = float64(x)
	}
	return f
}

func readF64(dir string, f refFile) ([]float64, error) {
	b, err := os.ReadFile(filepath.Join(dir, f.File))
	if err != nil {
		return nil, err
	}
	if len(b) != f.Size || len(b)%8 != 0 {
		return nil, fmt.Errorf("%s: %d bytes, want %d", f.File, len(b), f.Size)
	}
	sum := sha256.Sum256(b)
	if hex.EncodeToString(sum[:]) != f.SHA {
		return nil, fmt.Errorf("%s: sha256 mismatch", f.File)
	}
	v := make([]float64, len(b)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v, nil
}

// Tolerances of issue 8.
const (
	tolR    = 1e-12  // coefficients, relative
	tolP    = 1e-9   // p-values, relative ...
	tolPAbs = 1e-300 // ... or absolute
	tolCI   = 1e-9   // interval bounds, absolute (they lie in [-1, 1])
)

// near reports whether got is within rel (relative) or abs (absolute) of
// want; NaN matches NaN and infinities match themselves.
func near(got, want, rel, abs float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= math.Max(rel*math.Abs(want), abs)
}

// tally counts the comparisons made, per check, for the summary log.
type tally struct {
	mu     sync.Mutex
	counts map[string]int
	worst  map[string]float64
}

func (tl *tally) add(name string, got, want float64) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	if tl.counts == nil {
		tl.counts, tl.worst = map[string]int{}, map[string]float64{}
	}
	tl.counts[name]++
	if !math.IsNaN(want) && !math.IsInf(want, 0) && want != 0 {
		tl.worst[name] = math.Max(tl.worst[name], math.Abs(got-want)/math.Abs(want))
	}
}

func (tl *tally) log(t *testing.T) {
	var names []string
	for n := range tl.counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("%-24s %5d checks, worst relative difference %.3g", n, tl.counts[n], tl.worst[n])
	}
}

func checkVal(t *testing.T, tl *tally, name string, got, want, rel, abs float64) {
	t.Helper()
	if !near(got, want, rel, abs) {
		t.Errorf("%s = %.17g, want %.17g (diff %.3g)", name, got, want, got-want)
		return
	}
	tl.add(name, got, want)
}

func checkCI(t *testing.T, tl *tally, name string, c Corr, want []num) {
	t.Helper()
	if len(want) != 2 {
		t.Fatalf("%s: reference interval has %d bounds", name, len(want))
	}
	checkVal(t, tl, name+".lo", c.Lo, float64(want[0]), 0, tolCI)
	checkVal(t, tl, name+".hi", c.Hi, float64(want[1]), 0, tolCI)
}

// wantErr checks that err wraps target and that c's numbers are NaN.
func wantErr(t *testing.T, name string, c Corr, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: err = %v, want %v", name, err, target)
	}
	if !math.IsNaN(c.R) || !math.IsNaN(c.P) {
		t.Errorf("%s: R, P = %v, %v with an error, want NaN", name, c.R, c.P)
	}
}

func TestReferenceVectors(t *testing.T) {
	cases := loadRef(t)
	var tl tally
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			if n := countPairs(c.x, c.y); n != c.NPairs {
				t.Fatalf("%d pairs without NaN, reference says %d", n, c.NPairs)
			}
			testRefPearson(t, &tl, c)
			testRefSpearman(t, &tl, c)
			testRefKendall(t, &tl, c)
			testRefLinregress(t, &tl, c)
		})
	}
	tl.log(t)
}

func testRefPearson(t *testing.T, tl *tally, c *refCase) {
	got, err := Pearson(c.x, c.y)
	if got.N != c.NPairs {
		t.Errorf("pearson N = %d, want %d", got.N, c.NPairs)
	}
	switch {
	case c.NPairs < 3:
		wantErr(t, "pearson", got, err, ErrTooFew)
		return
	case c.Features.ConstantX || c.Features.ConstantY:
		wantErr(t, "pearson", got, err, ErrConstant)
		return
	case err != nil:
		t.Fatalf("pearson: %v", err)
	}
	ref := c.Pearson
	checkVal(t, tl, "pearson.r", got.R, float64(ref.R), tolR, 0)
	if c.note("|r| within 1e-12 of 1") {
		// The last bit of r decides p (README): check that both are tiny.
		checkVal(t, tl, "pearson.p(|r|~1)", got.P, float64(ref.P), 0, 1e-6)
		if c.NPairs > 3 {
			checkCI(t, tl, "pearson.ci(|r|~1)", got, ref.CI)
		}
		return
	}
	checkVal(t, tl, "pearson.p", got.P, float64(ref.P), tolP, tolPAbs)
	checkCI(t, tl, "pearson.ci", got, ref.CI)
}

func testRefSpearman(t *testing.T, tl *tally, c *refCase) {
	got, err := Spearman(c.x, c.y)
	if got.N != c.NPairs {
		t.Errorf("spearman N = %d, want %d", got.N, c.NPairs)
	}
	switch {
	case c.NPairs < 3:
		wantErr(t, "spearman", got, err, ErrTooFew)
		return
	case c.Features.ConstantX || c.Features.ConstantY:
		wantErr(t, "spearman", got, err, ErrConstant)
		return
	case err != nil:
		t.Fatalf("spearman: %v", err)
	}
	ref := c.Spearman
	checkVal(t, tl, "spearman.rho", got.R, float64(ref.Rho), tolR, 0)
	if c.note("|rho| within 1e-12 of 1") {
		checkVal(t, tl, "spearman.p(|rho|~1)", got.P, float64(ref.P), 0, 1e-6)
		if c.NPairs > 3 {
			checkCI(t, tl, "spearman.ci(|rho|~1)", got, ref.CI)
		}
		return
	}
	checkVal(t, tl, "spearman.p", got.P, float64(ref.P), tolP, tolPAbs)
	checkCI(t, tl, "spearman.ci", got, ref.CI)
}

func testRefKendall(t *testing.T, tl *tally, c *refCase) {
	ref := c.Kendall
	for _, m := range []struct {
		name string
		pm   PMethod
		ref  *refKendall
	}{
		{"kendall.auto", PAuto, ref.Auto},
		{"kendall.asymptotic", PAsymptotic, ref.Asymptotic},
		{"kendall.exact", PExact, ref.Exact},
	} {
		if m.ref == nil {
			if m.pm == PExact && c.NPairs >= 3 && !c.Features.TiesX && !c.Features.TiesY {
				if c.NPairs <= 1000 {
					t.Errorf("%s: reference missing for data without ties", m.name)
				}
			}
			continue
		}
		if raceEnabled && m.pm == PExact && c.NPairs > 300 {
			continue // O(n³) recurrence: too slow under the race detector
		}
		got, err := Correlate(c.x, c.y, MethodKendall, &Options{PValue: m.pm})
		switch {
		case c.NPairs < 3:
			wantErr(t, m.name, got, err, ErrTooFew)
			continue
		case c.Features.ConstantX || c.Features.ConstantY:
			wantErr(t, m.name, got, err, ErrConstant)
			continue
		case err != nil:
			t.Errorf("%s: %v", m.name, err)
			continue
		}
		checkVal(t, tl, m.name+".tau", got.R, float64(m.ref.Tau), tolR, 0)
		checkVal(t, tl, m.name+".p", got.P, float64(m.ref.P), tolP, tolPAbs)
		want := PAsymptotic
		switch {
		case m.pm == PExact:
			want = PExact
		case m.pm == PAuto && m.ref.Resolved == "exact":
			want = PExact
		case m.pm == PAuto && m.ref.Resolved != "asymptotic":
			t.Errorf("%s: unknown resolved_method %q", m.name, m.ref.Resolved)
		}
		if got.PValue != want {
			t.Errorf("%s: PValue = %v, scipy resolved %q", m.name, got.PValue, m.ref.Resolved)
		}
	}
}

func testRefLinregress(t *testing.T, tl *tally, c *refCase) {
	ref := c.Linregress
	got, err := LinearFit(c.x, c.y)
	switch {
	case c.NPairs < 2:
		if !errors.Is(err, ErrTooFew) {
			t.Errorf("linregress: err = %v, want ErrTooFew", err)
		}
		return
	case ref.Error != "":
		if !errors.Is(err, ErrConstant) {
			t.Errorf("linregress: err = %v, want ErrConstant (scipy: %s)", err, ref.Error)
		}
		return
	case err != nil:
		t.Fatalf("linregress: %v", err)
	}
	if got.N != c.NPairs {
		t.Errorf("linregress N = %d, want %d", got.N, c.NPairs)
	}
	// Slope and intercept are the ratios of sums that scipy and this package
	// round differently; an intercept near 0 loses relative precision.
	scale := math.Abs(float64(ref.Slope)) + math.Abs(float64(ref.Intercept))
	checkVal(t, tl, "linregress.slope", got.Slope, float64(ref.Slope), 1e-12, 1e-14*scale)
	checkVal(t, tl, "linregress.intercept", got.Intercept, float64(ref.Intercept), 1e-12, 1e-14*scale)
	checkVal(t, tl, "linregress.r", got.R, float64(ref.R), tolR, 0)
	if c.note("|r| within 1e-12 of 1") {
		checkVal(t, tl, "linregress.p(|r|~1)", got.P, float64(ref.P), 0, 1e-6)
		// The standard errors scale with sqrt(1-r²), itself ill-conditioned.
		checkVal(t, tl, "linregress.stderr(|r|~1)", got.SlopeErr, float64(ref.Stderr), 0, 1e-6*scale)
		checkVal(t, tl, "linregress.intercept_stderr(|r|~1)", got.InterceptErr, float64(ref.InterceptStderr), 0, 1e-6*scale)
		return
	}
	checkVal(t, tl, "linregress.p", got.P, float64(ref.P), tolP, tolPAbs)
	checkVal(t, tl, "linregress.stderr", got.SlopeErr, float64(ref.Stderr), 1e-9, 0)
	checkVal(t, tl, "linregress.intercept_stderr", got.InterceptErr, float64(ref.InterceptStderr), 1e-9, 0)
}
