package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestDistance(t *testing.T) {
	// Haversine on a sphere of radius 6371008.8 m: a degree of arc is
	// 6371008.8·π/180 = 111195.0797 m.
	const degree = EarthRadius * math.Pi / 180
	tests := []struct {
		Name string
		A, B orb.Point
		Want float64
		Tol  float64
	}{
		{"same point", orb.Point{10, 20}, orb.Point{10, 20}, 0, 0},
		{"one degree of latitude", orb.Point{0, 0}, orb.Point{0, 1}, degree, 1e-6},
		{"one degree along the equator", orb.Point{0, 0}, orb.Point{1, 0}, degree, 1e-6},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, degree, 1e-6},
		{"0..360 input", orb.Point{359.5, 0}, orb.Point{0.5, 0}, degree, 1e-6},
		{"pole to pole", orb.Point{0, 90}, orb.Point{123, -90}, math.Pi * EarthRadius, 1e-6},
		{"antipodes", orb.Point{30, 40}, orb.Point{-150, -40}, math.Pi * EarthRadius, 1e-3},
		{"longitude is irrelevant at the pole", orb.Point{0, 90}, orb.Point{90, 90}, 0, 1e-9},
		// JFK to Paris CDG: the WGS84 geodesic is 5,853,226 m (GeographicLib's
		// GeodSolve0); the sphere differs by less than 0.5% here (0.6% at worst).
		{"JFK to CDG", orb.Point{-73.8, 40.6}, orb.Point{2.55, 49.01666667}, 5853226, 0.005 * 5853226},
	}
	for _, tt := range tests {
		got := Distance(tt.A, tt.B)
		if math.Abs(got-tt.Want) > tt.Tol {
			t.Errorf("%s: Distance = %.6f, want %.6f ± %g", tt.Name, got, tt.Want, tt.Tol)
		}
		if back := Distance(tt.B, tt.A); back != got {
			t.Errorf("%s: not symmetric: %v vs %v", tt.Name, got, back)
		}
	}
	// Against the spherical law of cosines, an independent formula that is well
	// conditioned for distances of more than a few kilometres.
	r := &splitMix64{8}
	for range 10000 {
		a := orb.Point{r.uniform(-180, 180), r.uniform(-90, 90)}
		b := orb.Point{r.uniform(-180, 180), r.uniform(-90, 90)}
		la, lb := a[1]*deg, b[1]*deg
		c := math.Sin(la)*math.Sin(lb) + math.Cos(la)*math.Cos(lb)*math.Cos((b[0]-a[0])*deg)
		want := EarthRadius * math.Acos(math.Max(-1, math.Min(1, c)))
		if want > 10e3 && want < 19e6 && math.Abs(Distance(a, b)-want) > 1e-3 {
			t.Fatalf("Distance(%v, %v) = %v, law of cosines %v", a, b, Distance(a, b), want)
		}
	}
	if !math.IsNaN(Distance(orb.Point{nan, 0}, orb.Point{0, 0})) {
		t.Error("NaN input should give NaN")
	}
}

// Test values from GeographicLib (C. F. F. Karney), geographiclib-python
// test/test_geodesic.py: lat1, lon1, azi1, lat2, lon2, azi2, s12 on WGS84 (the
// published values of GeodTest.dat, accurate to 1e-8 m).
var geodesicCases = [][7]float64{
	{35.60777, -139.44815, 111.098748429560326, -11.17491, -69.95921, 129.289270889708762, 8935244.5604818305},
	{55.52454, 106.05087, 22.020059880982801, 77.03196, 197.18234, 109.112041110671519, 4105086.1713924406},
	{-21.97856, 142.59065, -32.44456876433189, 41.84138, 98.56635, -41.84359951440466, 8394328.894657671},
	{-66.99028, 112.2363, 173.73491240878403, -12.70631, 285.90344, 2.512956620913668, 11150344.2312080241},
	{-17.42761, 173.34268, -159.033557661192928, -15.84784, 5.93557, -20.787484651536988, 16076603.1631180673},
	{32.84994, 48.28919, 150.492927788121982, -56.28556, 202.29132, 48.113449399816759, 16727068.9438164461},
	{6.96833, 52.74123, 92.581585386317712, -7.39675, 206.17291, 90.721692165923907, 17102477.2496958388},
	{-50.56724, -16.30485, -105.439679907590164, -33.56571, -94.97412, -47.348547835650331, 6455670.5118668696},
	{-58.93002, -8.90775, 140.965397902500679, -8.91104, 133.13503, 19.255429433416599, 11756066.0219864627},
	{-68.82867, -74.28391, 93.774347763114881, -50.63005, -8.36685, 34.65564085411343, 3956936.926063544},
	{-10.62672, -32.0898, -86.426713286747751, 5.883, -134.31681, -80.473780971034875, 11470869.3864563009},
	{-21.76221, 166.90563, 29.319421206936428, 48.72884, 213.97627, 43.508671946410168, 9098627.3986554915},
	{-19.79938, -174.47484, 71.167275780171533, -11.99349, -154.35109, 65.589099775199228, 2319004.8601169389},
	{-11.95887, -116.94513, 92.712619830452549, 4.57352, 7.16501, 78.64960934409585, 13834722.5801401374},
	{-87.85331, 85.66836, -65.120313040242748, 66.48646, 16.09921, -4.888658719272296, 17286615.3147144645},
	{1.74708, 128.32011, -101.584843631173858, -11.16617, 11.87109, -86.325793296437476, 12942901.1241347408},
	{-25.72959, -144.90758, -153.647468693117198, -57.70581, -269.17879, -48.343983158876487, 9413446.7452453107},
	{-41.22777, 122.32875, 14.285113402275739, -7.57291, 130.37946, 10.805303085187369, 3812686.035106021},
	{11.01307, 138.25278, 79.43682622782374, 6.62726, 247.05981, 103.708090215522657, 11911190.819018408},
	{-29.47124, 95.14681, -163.779130441688382, -27.46601, -69.15955, -15.909335945554969, 13487015.8381145492},
}

func TestDistanceGeodesic(t *testing.T) {
	for _, c := range geodesicCases {
		lat1, lon1, azi1, lat2, lon2, azi2, s12 := c[0], c[1], c[2], c[3], c[4], c[5], c[6]
		s, a1, a2 := wgs84.inverse(lat1, lon1, lat2, lon2)
		if math.Abs(s-s12) > 1e-8 {
			t.Errorf("inverse(%v, %v, %v, %v): s12 = %.10f, want %.10f", lat1, lon1, lat2, lon2, s, s12)
		}
		if math.Abs(a1-azi1) > 1e-12 || math.Abs(a2-azi2) > 1e-12 {
			t.Errorf("inverse(%v, %v, %v, %v): azimuths %.15f %.15f, want %.15f %.15f", lat1, lon1, lat2, lon2, a1, a2, azi1, azi2)
		}
		if got := DistanceGeodesic(orb.Point{lon1, lat1}, orb.Point{lon2, lat2}); got != s {
			t.Errorf("DistanceGeodesic = %v, inverse %v", got, s)
		}
	}

	// GeographicLib's GeodSolve regression cases (test_geodesic.py), most of them
	// nearly antipodal, where Vincenty's method does not converge.
	tests := []struct {
		Name                   string
		Lat1, Lon1, Lat2, Lon2 float64
		S12, Tol               float64
	}{
		{"GeodSolve0 JFK-CDG", 40.6, -73.8, 49.01666667, 2.55, 5853226, 0.5},
		{"GeodSolve4 short line", 36.493349428792, 0, 36.49334942879201, 0.0000008, 0.072, 0.5e-3},
		{"GeodSolve6 a", 88.202499451857, 0, -88.202499451857, 179.981022032992859592, 20003898.214, 0.5e-3},
		{"GeodSolve6 b", 89.262080389218, 0, -89.262080389218, 179.992207982775375662, 20003925.854, 0.5e-3},
		{"GeodSolve6 c", 89.333123580033, 0, -89.333123580032997687, 179.99295812360148422, 20003926.881, 0.5e-3},
		{"GeodSolve9", 56.320923501171, 0, -56.320923501171, 179.664747671772880215, 19993558.287, 0.5e-3},
		{"GeodSolve10", 52.784459512564, 0, -52.784459512563990912, 179.634407464943777557, 19991596.095, 0.5e-3},
		{"GeodSolve11", 48.522876735459, 0, -48.52287673545898293, 179.599720456223079643, 19989144.774, 0.5e-3},
		{"GeodSolve29 unrolled longitudes", 0, 539, 0, 181, 222639, 0.5},
		{"GeodSolve33 equator 179", 0, 0, 0, 179, 19926189, 0.5},
		{"GeodSolve33 equator 179.5", 0, 0, 0, 179.5, 19980862, 0.5},
		{"GeodSolve33 equator antipodes", 0, 0, 0, 180, 20003931, 0.5},
		{"GeodSolve33 near antipodes", 0, 0, 1, 180, 19893357, 0.5},
		{"Karney's example Wellington-Salamanca", -41.32, 174.81, 40.96, -5.50, 19959679.26735382, 1e-6},
		{"pole to pole", 90, 0, -90, 0, 20003931.4586, 1e-3},
		{"same point", 12, 34, 12, 34, 0, 0},
	}
	for _, tt := range tests {
		got := DistanceGeodesic(orb.Point{tt.Lon1, tt.Lat1}, orb.Point{tt.Lon2, tt.Lat2})
		if math.Abs(got-tt.S12) > tt.Tol {
			t.Errorf("%s: DistanceGeodesic = %.6f, want %.6f ± %g", tt.Name, got, tt.S12, tt.Tol)
		}
	}
	for _, p := range [][2]orb.Point{{{nan, 0}, {0, 0}}, {{0, 91}, {0, 0}}, {{0, 0}, {math.Inf(1), 0}}} {
		if got := DistanceGeodesic(p[0], p[1]); !math.IsNaN(got) {
			t.Errorf("DistanceGeodesic(%v, %v) = %v, want NaN", p[0], p[1], got)
		}
	}
}

// TestDistanceGeodesicConverges sweeps nearly antipodal pairs, where the Newton
// iteration is hardest: every result must be finite, within 0.6% of the spherical
// distance, and symmetric.
func TestDistanceGeodesicConverges(t *testing.T) {
	r := &splitMix64{3}
	for i := 0; i < 3000; i++ {
		lat1 := r.uniform(-90, 90)
		lon1 := r.uniform(-180, 180)
		a := orb.Point{lon1, lat1}
		b := orb.Point{lon1 + 180 + r.uniform(-0.5, 0.5), -lat1 + r.uniform(-0.5, 0.5)}
		if i%3 == 0 { // exactly antipodal
			b = orb.Point{lon1 + 180, -lat1}
		}
		if b[1] > 90 || b[1] < -90 {
			continue
		}
		g, s := DistanceGeodesic(a, b), Distance(a, b)
		if math.IsNaN(g) || math.Abs(g-s) > 0.006*s {
			t.Fatalf("%v-%v: geodesic %v, spherical %v", a, b, g, s)
		}
		if back := DistanceGeodesic(b, a); math.Abs(back-g) > 1e-6 {
			t.Fatalf("%v-%v: not symmetric: %v vs %v", a, b, g, back)
		}
	}
}

func TestBearingDestination(t *testing.T) {
	tests := []struct {
		Name string
		A, B orb.Point
		Want float64
	}{
		{"north", orb.Point{0, 0}, orb.Point{0, 10}, 0},
		{"east on the equator", orb.Point{0, 0}, orb.Point{10, 0}, 90},
		{"south", orb.Point{5, 10}, orb.Point{5, -10}, 180},
		{"west across the antimeridian", orb.Point{-179, 0}, orb.Point{179, 0}, 270},
		{"east across the antimeridian", orb.Point{179, 0}, orb.Point{-179, 0}, 90},
		// Great-circle initial bearing from JFK to Paris CDG is about 53.5° (the
		// ellipsoidal value from GeodSolve0 is 53.47°).
		{"JFK to CDG", orb.Point{-73.8, 40.6}, orb.Point{2.55, 49.01666667}, 53.4},
	}
	for _, tt := range tests {
		got := Bearing(tt.A, tt.B)
		if math.Abs(got-tt.Want) > 0.1 {
			t.Errorf("%s: Bearing = %v, want %v", tt.Name, got, tt.Want)
		}
	}
	// Destination inverts Distance and Bearing.
	r := &splitMix64{4}
	for range 5000 {
		a := orb.Point{r.uniform(-180, 180), r.uniform(-85, 85)}
		brg := r.uniform(0, 360)
		d := r.uniform(0, 5e6)
		b := Destination(a, brg, d)
		if got := Distance(a, b); math.Abs(got-d) > 1e-6*d+1e-6 {
			t.Fatalf("Distance(%v, Destination(%v, %v, %v)=%v) = %v", a, a, brg, d, b, got)
		}
		if b[0] < -180 || b[0] > 180 {
			t.Fatalf("Destination longitude %v not normalised", b[0])
		}
		if d > 1 {
			if got := Bearing(a, b); math.Abs(math.Remainder(got-brg, 360)) > 1e-6 {
				t.Fatalf("Bearing(%v, %v) = %v, want %v", a, b, got, brg)
			}
		}
	}
	// A quarter of the way round the equator from 135°E lands at 135°W.
	if got := Destination(orb.Point{135, 0}, 90, math.Pi/2*EarthRadius); math.Abs(got[0]+135) > 1e-9 || math.Abs(got[1]) > 1e-9 {
		t.Errorf("Destination across the antimeridian = %v, want [-135 0]", got)
	}
}

func TestCircle(t *testing.T) {
	const km = 1000.0
	tests := []struct {
		Name   string
		Center orb.Point
		Radius float64
		Cases  []containsCase
	}{
		{"Brest 20 km", orb.Point{-4.49, 48.39}, 20 * km, []containsCase{
			{"centre", orb.Point{-4.49, 48.39}, true},
			{"10 km north", Destination(orb.Point{-4.49, 48.39}, 0, 10*km), true},
			{"19.99 km east", Destination(orb.Point{-4.49, 48.39}, 90, 19.99*km), true},
			{"20.01 km west", Destination(orb.Point{-4.49, 48.39}, 270, 20.01*km), false},
			{"NaN", orb.Point{nan, 48}, false},
		}},
		{"across the antimeridian", orb.Point{179.9, -16}, 50 * km, []containsCase{
			{"east of 180", orb.Point{-179.9, -16}, true},
			{"0..360 form", orb.Point{180.2, -16}, true},
			{"far east", orb.Point{-179, -16}, false},
		}},
		{"covering the north pole", orb.Point{0, 89}, 200 * km, []containsCase{
			{"pole", orb.Point{0, 90}, true},
			{"other side of the pole", orb.Point{180, 89.5}, true},
			{"89.5 at 90°E", orb.Point{90, 89.5}, true},
			{"88 at 180", orb.Point{180, 88}, false},
		}},
		{"whole globe", orb.Point{0, 0}, 21000 * km, []containsCase{
			{"antipode", orb.Point{180, 0}, true},
			{"pole", orb.Point{0, -90}, true},
		}},
		{"negative radius", orb.Point{0, 0}, -1, []containsCase{
			{"centre", orb.Point{0, 0}, false},
		}},
		{"zero radius", orb.Point{10, 10}, 0, []containsCase{
			{"centre", orb.Point{10, 10}, true},
			{"next float", orb.Point{10, math.Nextafter(10, 11)}, false},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			c := Circle(tt.Center, tt.Radius)
			runContains(t, c, tt.Cases)
			checkBoundsCover(t, c, 5000)
		})
	}
	// Contains agrees exactly with Distance on random points around the boundary.
	center := orb.Point{170, 70}
	const radius = 800 * km
	c := Circle(center, radius)
	r := &splitMix64{9}
	for range 20000 {
		p := Destination(center, r.uniform(0, 360), r.uniform(0.98, 1.02)*radius)
		if got, want := c.Contains(p), Distance(center, p) <= radius; got != want {
			t.Fatalf("Contains(%v) = %v, Distance %v", p, got, Distance(center, p))
		}
	}
}
