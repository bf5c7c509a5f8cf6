package stats

import (
	"math"
	"math/bits"
	"slices"
)

// Rank returns the ranks of x, from 1 to the number of non-NaN values, with
// tied values given the average of the ranks they span (scipy's
// rankdata(method='average')). NaN values keep NaN ranks. ±Inf rank first and
// last; -0 and +0 tie.
func Rank(x []float64) []float64 {
	r := make([]float64, len(x))
	n := 0
	for _, v := range x {
		if v == v {
			n++
		}
	}
	s := make([]uint64, 0, 2*n)
	for i, v := range x {
		if v == v {
			s = append(s, sortKey(v), uint64(i))
		} else {
			r[i] = math.NaN()
		}
	}
	sortPairs(s, 0, false)
	for i := 0; i < n; {
		j := i + 1
		for j < n && s[2*j] == s[2*i] {
			j++
		}
		avg := float64(i+1+j) / 2
		for t := i; t < j; t++ {
			r[s[2*t+1]] = avg
		}
		i = j
	}
	return r
}

// sortKey maps a float64 other than NaN to a uint64 with the same order;
// -0 and +0 map to the same key.
func sortKey(f float64) uint64 {
	if f == 0 {
		return 1 << 63
	}
	b := math.Float64bits(f)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// pairsOf returns the pairs of x and y without a NaN as order-preserving keys,
// interleaved: s[2i] is x's key and s[2i+1] is y's.
func pairsOf(x, y []float64, n int) []uint64 {
	s := make([]uint64, 0, 2*n)
	for i, xv := range x {
		yv := y[i]
		if xv != xv || yv != yv {
			continue
		}
		s = append(s, sortKey(xv), sortKey(yv))
	}
	return s
}

// countPairs returns the number of pairs of x and y without a NaN.
func countPairs(x, y []float64) int {
	n := 0
	for i, xv := range x {
		yv := y[i]
		if xv == xv && yv == yv {
			n++
		}
	}
	return n
}

// insertionMax is the size up to which sortPairs uses insertion sort.
const insertionMax = 24

// sortPairs sorts the pairs (s[2i], s[2i+1]) of s in place by their element k
// (0 or 1), and by the other element among equal keys when lex is true.
//
// It is an in-place most-significant-digit radix sort (American flag sort)
// that starts each level at the highest bit on which the keys of the range
// differ, so ranges of equal keys (ties) cost one scan, and finishes small
// ranges with insertion sort. It needs no memory beyond s.
func sortPairs(s []uint64, k int, lex bool) {
	n := len(s) / 2
	if n <= insertionMax {
		insertionPairs(s, k, lex)
		return
	}
	k0 := s[k]
	var diff uint64
	for i := k; i < len(s); i += 2 {
		diff |= s[i] ^ k0
	}
	if diff == 0 {
		if lex {
			sortPairs(s, 1-k, false)
		}
		return
	}
	// Small ranges use fewer buckets: the per-bucket loops would cost more
	// than an extra level. (Wider digits for large ranges gained under 10%
	// and would need heap-allocated counters.)
	width := 8
	switch {
	case n < 256:
		width = 4
	case n < 4096:
		width = 6
	}
	shift := max(bits.Len64(diff)-width, 0)
	var cnt [3 << 8]int
	nb := 1 << width
	count, start, next := cnt[:nb], cnt[nb:2*nb], cnt[2*nb:3*nb]
	flagPermute(s, k, uint(shift), uint64(nb-1), count, start, next)
	for d, c := range count {
		if c > 1 && (shift > 0 || lex) {
			lo := 2 * start[d]
			sortPairs(s[lo:lo+2*c], k, lex)
		}
	}
}

// flagPermute moves the pairs of s into buckets by the digit (key >> shift)
// & mask of their element k, in place (American flag sort), and leaves in
// count and start the size and first pair of each bucket.
func flagPermute(s []uint64, k int, shift uint, mask uint64, count, start, next []int) {
	for i := k; i < len(s); i += 2 {
		count[(s[i]>>shift)&mask]++
	}
	sum := 0
	for d, c := range count {
		start[d] = sum
		next[d] = sum
		sum += c
	}
	for d := range count {
		end := start[d] + count[d]
		for next[d] < end {
			i := 2 * next[d]
			a, b := s[i], s[i+1]
			key := a
			if k == 1 {
				key = b
			}
			dv := (key >> shift) & mask
			for int(dv) != d {
				j := 2 * next[dv]
				next[dv]++
				t := s[j : j+2 : j+2]
				a, b, t[0], t[1] = t[0], t[1], a, b
				key = a
				if k == 1 {
					key = b
				}
				dv = (key >> shift) & mask
			}
			s[i], s[i+1] = a, b
			next[d]++
		}
	}
}

func insertionPairs(s []uint64, k int, lex bool) {
	o := 1 - k
	for i := 2; i < len(s); i += 2 {
		a, b := s[i], s[i+1]
		ka, kb := s[i+k], s[i+o]
		j := i
		for j > 0 {
			pk, po := s[j-2+k], s[j-2+o]
			if pk < ka || pk == ka && (!lex || po <= kb) {
				break
			}
			s[j], s[j+1] = s[j-2], s[j-1]
			j -= 2
		}
		s[j], s[j+1] = a, b
	}
}

// spearmanR returns Spearman's rho of the pairs of x and y without a NaN and
// the number of those pairs.
func spearmanR(x, y []float64) (float64, int, error) {
	n := countPairs(x, y)
	if n < 3 {
		return math.NaN(), n, tooFew(n)
	}
	s := pairsOf(x, y, n)
	gx := averageRanks(s, 0)
	gy := averageRanks(s, 1)
	if gx == 1 || gy == 1 {
		return math.NaN(), n, constantErr(gx == 1, gy == 1)
	}
	// The mean rank is (n+1)/2 exactly, so one pass gives the centered sums.
	m := float64(n+1) / 2
	var sxx, syy, sxy float64
	for lo := 0; lo < len(s); lo += 2 * block {
		hi := min(lo+2*block, len(s))
		var bxx, byy, bxy float64
		for i := lo; i < hi; i += 2 {
			dx := math.Float64frombits(s[i]) - m
			dy := math.Float64frombits(s[i+1]) - m
			bxx += dx * dx
			byy += dy * dy
			bxy += dx * dy
		}
		sxx += bxx
		syy += byy
		sxy += bxy
	}
	return clamp1(sxy / math.Sqrt(sxx*syy)), n, nil
}

// averageRanks sorts the pairs of s by their element k and replaces that
// element by the bits of its average rank. It returns the number of distinct
// values.
func averageRanks(s []uint64, k int) (groups int) {
	sortPairs(s, k, false)
	n := len(s) / 2
	for i := 0; i < n; {
		key := s[2*i+k]
		j := i + 1
		for j < n && s[2*j+k] == key {
			j++
		}
		r := math.Float64bits(float64(i+1+j) / 2)
		for t := i; t < j; t++ {
			s[2*t+k] = r
		}
		groups++
		i = j
	}
	return groups
}

// weightedRanks returns the frequency-weighted average ranks of x: a value
// preceded by values of total weight C and tied with values of total weight
// W (itself included) gets C + (W+1)/2, its average rank among the copies.
func weightedRanks(x, w []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	var cum float64
	for i := 0; i < len(idx); {
		j := i
		var wsum float64
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			wsum += w[idx[j]]
			j++
		}
		avg := cum + (wsum+1)/2
		for _, t := range idx[i:j] {
			r[t] = avg
		}
		cum += wsum
		i = j
	}
	return r
}
