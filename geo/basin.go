package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Basin is an ocean basin code of the Argo reference table R13, as written in the
// "ocean" column of the GDAC index files. The zero value means unknown.
type Basin byte

// Ocean basins of Argo reference table R13.
const (
	Atlantic Basin = 'A'
	Indian   Basin = 'I'
	Pacific  Basin = 'P'
)

// String returns the basin name ("Atlantic", "Indian", "Pacific"), or "" for the zero
// Basin and for unknown codes.
func (b Basin) String() string {
	switch b {
	case Atlantic:
		return "Atlantic"
	case Indian:
		return "Indian"
	case Pacific:
		return "Pacific"
	}
	return ""
}

// OceanBasin returns the Argo ocean basin of p by the R13 longitude rule: the
// Atlantic/Indian boundary is 20°E, the Indian/Pacific boundary 145°E and the
// Pacific/Atlantic boundary 70°W. Each basin includes its western boundary:
// Atlantic is [-70, 20), Indian [20, 145), Pacific [145, 180] and [-180, -70).
// Longitudes are normalised first (0..360 works). The rule uses longitude only, as R13
// does; it does not look at land, so the Gulf of Mexico, west of 70°W, is Pacific by it.
// A NaN coordinate or a latitude outside [-90, 90] gives the zero Basin.
func OceanBasin(p orb.Point) Basin {
	x := normLon(p[0])
	if math.IsNaN(x) || !(p[1] >= -90 && p[1] <= 90) {
		return 0
	}
	switch {
	case x >= -70 && x < 20:
		return Atlantic
	case x >= 20 && x < 145:
		return Indian
	}
	return Pacific
}
