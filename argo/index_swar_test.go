package argo

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestNextComma(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = "a,1.\x00\xff\x2b\x2d"[rng.IntN(8)]
		}
		from := 0
		if len(b) > 0 {
			from = rng.IntN(len(b) + 1)
		}
		want := bytes.IndexByte(b[from:], ',')
		if want < 0 {
			want = len(b)
		} else {
			want += from
		}
		if got := nextComma(b, from); got != want {
			t.Fatalf("nextComma(%q, %d) = %d, want %d", b, from, got, want)
		}
	}
}

func TestDigits8(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for range 100000 {
		b := []byte(strconv.FormatUint(rng.Uint64N(100000000)+100000000, 10)[1:])
		if rng.IntN(3) == 0 {
			b[rng.IntN(8)] = byte(rng.IntN(256))
		}
		want, err := strconv.ParseUint(string(b), 10, 64)
		ok := err == nil && !bytes.ContainsAny(b, "+-_")
		got, gotOK := digits8(b)
		if gotOK != ok || (ok && got != want) {
			t.Fatalf("digits8(%q) = %d %v, want %d %v", b, got, gotOK, want, ok)
		}
	}
}
