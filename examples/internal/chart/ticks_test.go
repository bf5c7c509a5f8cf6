package chart

import (
	"slices"
	"testing"
)

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
	}{
		{34.95, 35.72, []string{"35.0", "35.2", "35.4", "35.6"}},
		{35.19, 35.42, []string{"35.20", "35.25", "35.30", "35.35", "35.40"}},
		{3, 17, []string{"5", "10", "15"}},
		{-0.3, 0.3, []string{"-0.2", "0.0", "0.2"}},
		{0, 100, []string{"0", "20", "40", "60", "80", "100"}},
	} {
		var got []string
		for _, tk := range Ticks(5).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Ticks(5) on [%v, %v] = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
	// A degenerate range still gives one tick.
	if ts := Ticks(5).Ticks(1, 1); len(ts) != 1 {
		t.Errorf("Ticks on [1, 1] = %v", ts)
	}
}
