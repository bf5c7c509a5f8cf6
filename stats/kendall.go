package stats

import (
	"math"
)

// kendallStats holds the pair counts behind tau-b, named as in
// scipy.stats.kendalltau.
type kendallStats struct {
	n    int
	tot  int64 // n(n-1)/2 pairs
	dis  int64 // discordant pairs
	xtie int64 // pairs tied in x
	ytie int64 // pairs tied in y
	ntie int64 // pairs tied in both
	// Tie sums for the variance: sum t(t-1)(t-2) and sum t(t-1)(2t+5) over
	// the groups of t tied values.
	x0, x1, y0, y1 float64
}

// kendall counts the pairs of x and y (those without a NaN) in O(n log n)
// (Knight 1966): sort by y to number its distinct values, sort by x then y,
// count the ties in the runs, and count the discordant pairs as the
// inversions of the y numbers, by merge sort (or with a Fenwick tree when y
// has at most 4096 distinct values). Everything happens in one buffer of 16
// bytes per pair.
func kendall(x, y []float64) (kendallStats, error) {
	n := countPairs(x, y)
	k := kendallStats{n: n}
	if n < 3 {
		return k, tooFew(n)
	}
	k.tot = int64(n) * int64(n-1) / 2
	s := pairsOf(x, y, n)

	// Replace y by its dense rank (0, 1, ...), counting its ties.
	sortPairs(s, 1, false)
	var rank uint64
	for i := 0; i < n; {
		key := s[2*i+1]
		j := i + 1
		for j < n && s[2*j+1] == key {
			j++
		}
		for t := i; t < j; t++ {
			s[2*t+1] = rank
		}
		rank++
		k.ytie, k.y0, k.y1 = addTies(k.ytie, k.y0, k.y1, j-i)
		i = j
	}

	// Sort by x, then by y among equal x; count the x ties and joint ties.
	sortPairs(s, 0, true)
	for i := 0; i < n; {
		key := s[2*i]
		j := i + 1
		for j < n && s[2*j] == key {
			j++
		}
		k.xtie, k.x0, k.x1 = addTies(k.xtie, k.x0, k.x1, j-i)
		for a := i; a < j; {
			b := a + 1
			for b < j && s[2*b+1] == s[2*a+1] {
				b++
			}
			t := int64(b - a)
			k.ntie += t * (t - 1) / 2
			a = b
		}
		i = j
	}
	if k.xtie == k.tot || k.ytie == k.tot {
		return k, constantErr(k.xtie == k.tot, k.ytie == k.tot)
	}

	// Move the y ranks to s[:n] (s[i] is written after s[2i+1] is read and
	// never before an element still to be read) and count their inversions,
	// with s[n:] as the merge buffer.
	for i := range n {
		s[i] = s[2*i+1]
	}
	if rank <= fenwickMax {
		k.dis = inversionsFenwick(s[:n], int(rank))
	} else {
		k.dis = inversions(s[:n], s[n:2*n])
	}
	return k, nil
}

func addTies(tie int64, s0, s1 float64, t int) (int64, float64, float64) {
	if t < 2 {
		return tie, s0, s1
	}
	ti := int64(t)
	tf := float64(t)
	return tie + ti*(ti-1)/2, s0 + tf*(tf-1)*(tf-2), s1 + tf*(tf-1)*(2*tf+5)
}

// tau returns tau-b = (C - D) / sqrt((tot - xtie)(tot - ytie)), evaluated as
// scipy does.
func (k *kendallStats) tau() float64 {
	cmd := k.tot - k.xtie - k.ytie + k.ntie - 2*k.dis
	tau := float64(cmd) / math.Sqrt(float64(k.tot-k.xtie)) / math.Sqrt(float64(k.tot-k.ytie))
	return clamp1(tau)
}

// asymptoticP returns the p-value of the normal approximation, with the
// variance of C - D under independence corrected for ties (Kendall 1970,
// as scipy.stats.kendalltau).
func (k *kendallStats) asymptoticP(alt Alternative) float64 {
	cmd := float64(k.tot - k.xtie - k.ytie + k.ntie - 2*k.dis)
	n := float64(k.n)
	m := n * (n - 1)
	v := (m*(2*n+5)-k.x1-k.y1)/18 +
		2*float64(k.xtie)*float64(k.ytie)/m +
		k.x0*k.y0/(9*m*(n-2))
	z := cmd / math.Sqrt(v)
	switch alt {
	case Less:
		return math.Erfc(-z/math.Sqrt2) / 2
	case Greater:
		return math.Erfc(z/math.Sqrt2) / 2
	}
	return math.Erfc(math.Abs(z) / math.Sqrt2)
}

// inversions returns the number of pairs i < j with a[i] > a[j],
// using buf (len(buf) >= len(a)) as scratch; it leaves a and buf scrambled.
func inversions(a, buf []uint64) int64 {
	n := len(a)
	var inv int64
	const run = 32
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			v := a[i]
			j := i
			for j > lo && a[j-1] > v {
				a[j] = a[j-1]
				j--
			}
			inv += int64(i - j)
			a[j] = v
		}
	}
	src, dst := a, buf[:n]
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid := min(lo+width, n)
			hi := min(lo+2*width, n)
			inv += merge(dst[lo:hi], src[lo:mid], src[mid:hi])
		}
		src, dst = dst, src
	}
	return inv
}

// merge merges the sorted l and r into dst and returns the number of pairs
// (u in l, v in r) with u > v. The choice of element is computed without a
// branch: on random data a branch would be mispredicted half of the time.
func merge(dst, l, r []uint64) int64 {
	var inv int64
	i, j, k := 0, 0, 0
	nl := len(l)
	for i < nl && j < len(r) {
		lv, rv := l[i], r[j]
		// m is all ones when rv < lv (the values are below 2^63).
		m := uint64((int64(rv) - int64(lv)) >> 63)
		dst[k] = lv ^ ((lv ^ rv) & m)
		t := int(m & 1)
		inv += int64(t * (nl - i))
		j += t
		i += 1 - t
		k++
	}
	k += copy(dst[k:], l[i:])
	copy(dst[k:], r[j:])
	return inv
}

// fenwickMax is the largest number of distinct values for which
// inversionsFenwick is used: its tree then fits in the L1 cache.
const fenwickMax = 4096

// inversionsFenwick returns the number of pairs i < j with a[i] > a[j] for
// values in [0, u), u <= fenwickMax, with a Fenwick tree of counts: O(n log u).
func inversionsFenwick(a []uint64, u int) int64 {
	var tree [fenwickMax + 1]int64
	var inv int64
	for i, v := range a {
		// Values seen so far that are <= v.
		var le int64
		for j := int(v) + 1; j > 0; j &= j - 1 {
			le += tree[j]
		}
		inv += int64(i) - le
		for j := int(v) + 1; j <= u; j += j & -j {
			tree[j]++
		}
	}
	return inv
}

// kendallExactP returns the p-value of c concordant pairs among n values
// without ties under the exact null distribution of Kendall's statistic
// (Kendall 1970, ch. 4), as scipy's _kendall_p_exact: the number of
// permutations of n with c inversions, by the recurrence on n.
func kendallExactP(n int, c int64, alt Alternative) float64 {
	tot := int64(n) * int64(n-1) / 2
	inRightTail := c >= tot-c
	c = min(c, tot-c)
	var prob, mass float64
	switch {
	case n == 1:
		prob, mass = 1, 1
	case n == 2:
		prob, mass = 1, 0.5
	case c == 0:
		if n < 171 {
			prob = 2 / factorial(n)
		}
		mass = prob / 2
	case c == 1:
		if n < 172 {
			prob = 2 / factorial(n-1)
		}
		if n < 171 {
			mass = float64(n-1) / factorial(n)
		} else {
			mass = math.Exp(math.Log(float64(n-1)) - lgammaInt(n+1))
		}
	case 4*c == tot*2 && alt == TwoSided:
		prob = 1
	default:
		// Counts of permutations with 0..c inversions, scaled by 2^-e, over n!.
		cnt, e := permCounts(n, int(c))
		var sum float64
		for _, v := range cnt {
			sum += v
		}
		fm, fe := factorialFrexp(n)
		prob = math.Ldexp(2*sum/fm, e-fe)
		mass = math.Ldexp(cnt[c]/fm, e-fe)
	}
	if alt != TwoSided {
		if inRightTail == (alt == Greater) {
			prob /= 2
		} else {
			prob = 1 - prob/2 + mass
		}
	}
	return math.Max(0, math.Min(1, prob))
}

// permCounts returns the numbers of permutations of n elements with 0, 1,
// ..., c inversions, all multiplied by 2^-e, by the recurrence of the
// Mahonian numbers: the counts for j elements are the sums of j consecutive
// counts for j-1 (a prefix sum minus its shift by j). Rescaling by exact
// powers of two replaces scipy's division by j at each step (for n >= 171),
// so the counts never overflow and no rounding is added.
func permCounts(n, c int) (v []float64, e int) {
	v = make([]float64, c+1)
	v[0] = 1
	if c >= 1 {
		v[1] = 1
	}
	for j := 3; j <= n; j++ {
		prefixSum(v)
		for i := c; i >= j; i-- {
			v[i] -= v[i-j]
		}
		// The counts are unimodal with their mode at j(j-1)/4, so this is
		// the largest of v.
		if v[min(c, j*(j-1)/4)] > 0x1p900 {
			for i := range v {
				v[i] *= 0x1p-900
			}
			e += 900
		}
	}
	return v, e
}

// prefixSum replaces v by its running sums, as eight interleaved chains of
// additions (one per eighth of v) joined afterwards: the additions of one
// chain wait on each other, those of different chains do not.
func prefixSum(v []float64) {
	const k = 8
	q := len(v) / k
	if q < 64 {
		var s float64
		for i, x := range v {
			s += x
			v[i] = s
		}
		return
	}
	v0, v1, v2, v3 := v[:q], v[q:2*q], v[2*q:3*q], v[3*q:4*q]
	v4, v5, v6, v7 := v[4*q:5*q], v[5*q:6*q], v[6*q:7*q], v[7*q:]
	var s0, s1, s2, s3, s4, s5, s6, s7 float64
	for i := range v0 {
		s0 += v0[i]
		v0[i] = s0
		s1 += v1[i]
		v1[i] = s1
		s2 += v2[i]
		v2[i] = s2
		s3 += v3[i]
		v3[i] = s3
		s4 += v4[i]
		v4[i] = s4
		s5 += v5[i]
		v5[i] = s5
		s6 += v6[i]
		v6[i] = s6
		s7 += v7[i]
		v7[i] = s7
	}
	for i := q; i < len(v7); i++ {
		s7 += v7[i]
		v7[i] = s7
	}
	off := 0.0
	for c, part := range [][]float64{v1, v2, v3, v4, v5, v6, v7} {
		off += [...]float64{s0, s1, s2, s3, s4, s5, s6}[c]
		for i := range part {
			part[i] += off
		}
	}
}

// factorialFrexp returns n! as m * 2^e with m in [0.5, 1).
func factorialFrexp(n int) (m float64, e int) {
	m = 1
	for i := 2; i <= n; i++ {
		var de int
		m, de = math.Frexp(m * float64(i))
		e += de
	}
	return m, e
}

func lgammaInt(n int) float64 {
	v, _ := math.Lgamma(float64(n))
	return v
}

func factorial(n int) float64 {
	f := 1.0
	for i := 2; i <= n; i++ {
		f *= float64(i)
	}
	return f
}
