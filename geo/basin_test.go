package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestOceanBasin(t *testing.T) {
	tests := []struct {
		Name string
		P    orb.Point
		Want Basin
	}{
		// Rows of the real GDAC index (argo-format.md): aoml/13857 at 0.267N 16.032W is A.
		{"aoml/13857 first profile", orb.Point{-16.032, 0.267}, Atlantic},
		{"coriolis/3902131 first profile", orb.Point{5.003, -6.631}, Atlantic},
		{"Iroise Sea", orb.Point{-5, 48.3}, Atlantic},
		{"Arabian Sea", orb.Point{65, 15}, Indian},
		{"Tasman Sea", orb.Point{160, -40}, Pacific},
		{"Drake Passage west of 70W", orb.Point{-75, -58}, Pacific},
		{"boundary 70W is Atlantic", orb.Point{-70, 0}, Atlantic},
		{"boundary 20E is Indian", orb.Point{20, -40}, Indian},
		{"boundary 145E is Pacific", orb.Point{145, -45}, Pacific},
		{"just west of 145E", orb.Point{144.999, -45}, Indian},
		{"just west of 20E", orb.Point{19.999, -40}, Atlantic},
		{"just west of 70W", orb.Point{-70.001, 10}, Pacific},
		{"antimeridian 180", orb.Point{180, 0}, Pacific},
		{"antimeridian -180", orb.Point{-180, 0}, Pacific},
		{"0..360 input, 300E = 60W", orb.Point{300, 30}, Atlantic},
		{"pole", orb.Point{0, 90}, Atlantic},
		{"NaN", orb.Point{nan, 0}, 0},
		{"latitude beyond 90", orb.Point{0, 91}, 0},
	}
	for _, tt := range tests {
		if got := OceanBasin(tt.P); got != tt.Want {
			t.Errorf("%s: OceanBasin(%v) = %q, want %q", tt.Name, tt.P, got, tt.Want)
		}
	}
	names := map[Basin]string{Atlantic: "Atlantic", Indian: "Indian", Pacific: "Pacific", 0: "", 'X': ""}
	for b, want := range names {
		if b.String() != want {
			t.Errorf("Basin(%q).String() = %q, want %q", byte(b), b.String(), want)
		}
	}
}
