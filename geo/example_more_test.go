package geo_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/insitu-go/insitu/geo"
)

// Every region constructor returns a Region, so code that filters or
// matches positions takes any of them: a box, a polygon drawn in a GIS, a
// circle around a station.
func ExampleRegion() {
	iroise := []struct {
		name string
		r    geo.Region
	}{
		{"box", geo.Box(-5.5, 48, -4.4, 48.7)},
		{"polygon", geo.Polygon(orb.Polygon{{{-5.5, 48}, {-4.4, 48}, {-4.4, 48.7}, {-5.5, 48.7}, {-5.5, 48}}})},
		{"circle", geo.Circle(orb.Point{-4.88, 48.15}, 20e3)}, // 20 km around a float
	}
	brest := orb.Point{-4.49, 48.39}
	for _, it := range iroise {
		b := it.r.Bound()
		fmt.Printf("%-7s contains Brest: %-5v bound lon %.2f..%.2f lat %.2f..%.2f\n",
			it.name, it.r.Contains(brest), b.Min[0], b.Max[0], b.Min[1], b.Max[1])
	}
	// Output:
	// box     contains Brest: true  bound lon -5.50..-4.40 lat 48.00..48.70
	// polygon contains Brest: true  bound lon -5.50..-4.40 lat 48.00..48.70
	// circle  contains Brest: false bound lon -5.15..-4.61 lat 47.97..48.33
}
